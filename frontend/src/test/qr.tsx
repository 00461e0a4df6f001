import { render } from '@testing-library/react'
import { QRCodeSVG } from 'qrcode.react'

/** The modules of a QR code as drawn (the dark path), to tell which text a rendered code holds. */
export function qrModules(svg: Element): string | null {
  const paths = svg.querySelectorAll('path')
  return paths[paths.length - 1]?.getAttribute('d') ?? null
}

/** The dark path of a QR code of `value` drawn as JoinQrCode draws it, for comparing with one on screen. */
export function qrModulesOf(value: string): string | null {
  const { container, unmount } = render(<QRCodeSVG value={value} level="M" />)
  const modules = qrModules(container.querySelector('svg')!)
  unmount()
  return modules
}
