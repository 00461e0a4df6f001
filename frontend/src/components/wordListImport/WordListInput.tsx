import { Button, Field, FileUpload, Textarea } from '@chakra-ui/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LuFileUp } from 'react-icons/lu'
import { EXAMPLE_CSV, WordListFileError, readWordListFile } from '../../lib/wordList'
import { CsvHelp } from './CsvHelp'

/** The button that reads a word list from a file; a file it cannot take is a problem, said in words. */
function CsvFileButton({
  onRead,
  onProblem,
}: {
  onRead: (text: string, fileName: string) => void
  onProblem: (problem: string) => void
}) {
  const { t } = useTranslation()
  const [uploadKey, setUploadKey] = useState(0)
  const pickFile = async (file: File | undefined) => {
    setUploadKey((k) => k + 1) // the same file can be picked again after a fix
    if (!file) return
    try {
      onRead(await readWordListFile(file, t), file.name)
    } catch (error) {
      onProblem(error instanceof WordListFileError ? error.message : t('admin.wordListInput.fileUnreadable'))
    }
  }
  return (
    <FileUpload.Root
      key={uploadKey}
      maxFiles={1}
      accept=".csv,.txt,text/csv,text/plain"
      onFileAccept={(details) => void pickFile(details.files[0])}
      onFileReject={() => {
        setUploadKey((k) => k + 1)
        onProblem(t('admin.wordListInput.fileRejected'))
      }}
      mt="-3"
    >
      <FileUpload.HiddenInput aria-label={t('admin.wordListInput.chooseFile')} />
      <FileUpload.Trigger asChild>
        <Button variant="outline" size="sm">
          <LuFileUp /> {t('admin.wordListInput.chooseFile')}
        </Button>
      </FileUpload.Trigger>
    </FileUpload.Root>
  )
}

/** A list's first lines, as the file holds them: its column names and words stay English in every language. */
const PLACEHOLDER = 'word,meaning,example\nexhausted,very tired,She felt exhausted after the long walk.'

/** The word list as CSV: pasted, typed, read from a file, or the example; `problem` is what is wrong with it. */
export function WordListInput({
  csv,
  onChange,
  problem,
}: {
  csv: string
  onChange: (csv: string) => void
  problem: string | undefined
}) {
  const { t } = useTranslation()
  const [fromFile, setFromFile] = useState<string | null>(null)
  const [fileProblem, setFileProblem] = useState<string | null>(null)
  const lineCount = csv.trim() === '' ? 0 : csv.trim().split(/\r?\n/).length

  return (
    <>
      <Field.Root invalid={Boolean(problem || fileProblem)} required>
        <Field.Label>{t('admin.wordListInput.label')}</Field.Label>
        <Textarea
          value={csv}
          onChange={(e) => {
            onChange(e.target.value)
            setFileProblem(null)
          }}
          rows={9}
          fontFamily="mono"
          fontSize="sm"
          spellCheck={false}
          autoFocus
          placeholder={PLACEHOLDER}
        />
        {fileProblem || problem ? (
          <Field.ErrorText>{fileProblem ?? problem}</Field.ErrorText>
        ) : (
          <Field.HelperText>
            {fromFile ? t('admin.wordListInput.fromFile', { name: fromFile }) : t('admin.wordListInput.help')}
            {lineCount > 0 && ` ${t('admin.wordListInput.lines', { count: lineCount })}`}
          </Field.HelperText>
        )}
      </Field.Root>
      <CsvFileButton
        onRead={(text, fileName) => {
          onChange(text)
          setFileProblem(null)
          setFromFile(fileName)
        }}
        onProblem={setFileProblem}
      />
      <CsvHelp
        onUseExample={() => {
          onChange(EXAMPLE_CSV)
          setFromFile(null)
          setFileProblem(null)
        }}
      />
    </>
  )
}
