import { defineConfig } from '@hey-api/openapi-ts'

// OPENAPI_TS_OUTPUT lets `npm run check-client` generate into a scratch folder for comparison.
export default defineConfig({
  input: './openapi.json',
  output: process.env.OPENAPI_TS_OUTPUT ?? 'src/client',
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
})
