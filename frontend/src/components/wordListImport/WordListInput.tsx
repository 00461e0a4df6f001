import { Button, Field, FileUpload, Textarea } from '@chakra-ui/react'
import { useState } from 'react'
import { LuFileUp } from 'react-icons/lu'
import { EXAMPLE_CSV, WordListFileError, readWordListFile } from '../../lib/wordList'
import { plural } from '../../lib/plural'
import { CsvHelp } from './CsvHelp'

/** The button that reads a word list from a file; a file it cannot take is a problem, said in words. */
function CsvFileButton({
  onRead,
  onProblem,
}: {
  onRead: (text: string, fileName: string) => void
  onProblem: (problem: string) => void
}) {
  const [uploadKey, setUploadKey] = useState(0)
  const pickFile = async (file: File | undefined) => {
    setUploadKey((k) => k + 1) // the same file can be picked again after a fix
    if (!file) return
    try {
      onRead(await readWordListFile(file), file.name)
    } catch (error) {
      onProblem(error instanceof WordListFileError ? error.message : "That file couldn't be read.")
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
        onProblem('Choose a .csv file (a spreadsheet saved as CSV).')
      }}
      mt="-3"
    >
      <FileUpload.HiddenInput aria-label="Choose a .csv file" />
      <FileUpload.Trigger asChild>
        <Button variant="outline" size="sm">
          <LuFileUp /> Choose a .csv file
        </Button>
      </FileUpload.Trigger>
    </FileUpload.Root>
  )
}

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
  const [fileNote, setFileNote] = useState<string | null>(null)
  const [fileProblem, setFileProblem] = useState<string | null>(null)
  const lineCount = csv.trim() === '' ? 0 : csv.trim().split(/\r?\n/).length

  return (
    <>
      <Field.Root invalid={Boolean(problem || fileProblem)} required>
        <Field.Label>Word list (CSV)</Field.Label>
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
          placeholder={'word,meaning,example\nexhausted,very tired,She felt exhausted after the long walk.'}
        />
        {fileProblem || problem ? (
          <Field.ErrorText>{fileProblem ?? problem}</Field.ErrorText>
        ) : (
          <Field.HelperText>
            {fileNote ? `${fileNote} ` : 'Paste it from a spreadsheet or a text file, or choose a file. '}
            {lineCount > 0 && `${plural(lineCount, 'line')}.`}
          </Field.HelperText>
        )}
      </Field.Root>
      <CsvFileButton
        onRead={(text, fileName) => {
          onChange(text)
          setFileProblem(null)
          setFileNote(`From “${fileName}”. You can still change it here.`)
        }}
        onProblem={setFileProblem}
      />
      <CsvHelp
        onUseExample={() => {
          onChange(EXAMPLE_CSV)
          setFileNote(null)
          setFileProblem(null)
        }}
      />
    </>
  )
}
