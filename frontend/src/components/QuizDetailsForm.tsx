import { Button, Input, RadioCard, Stack, Switch, Text, Textarea, chakra } from '@chakra-ui/react'
import type { TFunction } from 'i18next'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LuTarget, LuZap } from 'react-icons/lu'
import type { Quiz, Scoring } from '../api/types'
import { SCORING_RULES, streakRule } from '../lib/scoring'
import { FormField } from './FormField'
import { RadioCardOption } from './RadioCardOption'
import { InlineError } from './StateViews'

const TITLE_MAX = 200
const DESCRIPTION_MAX = 2000

export type QuizDetails = { title: string; description: string; scoring: Scoring; streakBonus: boolean }

/** A quiz's details as the form holds them, to change them. */
export function quizDetails(quiz: Quiz): QuizDetails {
  return {
    title: quiz.title,
    description: quiz.description ?? '',
    scoring: quiz.scoring,
    streakBonus: quiz.streak_bonus,
  }
}

const NEW_QUIZ: QuizDetails = { title: '', description: '', scoring: 'speed', streakBonus: false }

function titleProblem(title: string, t: TFunction): string | null {
  if (title.trim() === '') return t('admin.quizDetails.titleEmpty')
  return title.trim().length > TITLE_MAX ? t('admin.quizDetails.titleTooLong', { max: TITLE_MAX }) : null
}

function descriptionProblem(description: string, t: TFunction): string | null {
  return description.length > DESCRIPTION_MAX
    ? t('admin.quizDetails.descriptionTooLong', { max: DESCRIPTION_MAX })
    : null
}

function ScoringChoice({ scoring, onChange }: { scoring: Scoring; onChange: (scoring: Scoring) => void }) {
  const { t } = useTranslation()
  return (
    <RadioCard.Root
      value={scoring}
      onValueChange={(e) => e.value && onChange(e.value as Scoring)}
      size="sm"
      orientation="horizontal"
    >
      <RadioCard.Label fontWeight="medium">{t('admin.quizDetails.scoring')}</RadioCard.Label>
      <Stack direction={{ base: 'column', sm: 'row' }} gap="2" align="stretch">
        {(['speed', 'accuracy'] as const).map((value) => (
          <RadioCardOption
            key={value}
            value={value}
            flex="1"
            icon={value === 'speed' ? <LuZap aria-hidden /> : <LuTarget aria-hidden />}
            label={t(SCORING_RULES[value].label)}
            description={t(SCORING_RULES[value].rule)}
          />
        ))}
      </Stack>
    </RadioCard.Root>
  )
}

function StreakBonusSwitch({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation()
  return (
    <Stack gap="1">
      <Switch.Root checked={on} onCheckedChange={(e) => onChange(e.checked)} colorPalette="orange">
        <Switch.HiddenInput />
        <Switch.Control />
        <Switch.Label>{t('admin.scoring.streak.label')}</Switch.Label>
      </Switch.Root>
      <Text fontSize="sm" color="fg.muted">
        {streakRule(t)}
      </Text>
    </Stack>
  )
}

/** Title, description and how points are won, for a new quiz or to change one. */
export function QuizDetailsForm({
  initial = NEW_QUIZ,
  submitLabel,
  onSubmit,
  pending,
  error,
  onCancel,
  hasSessions = false,
}: {
  initial?: QuizDetails
  submitLabel: string
  onSubmit: (details: QuizDetails) => void
  pending?: boolean
  error?: unknown
  onCancel?: () => void
  /** Sessions already held keep the scoring they opened with; say so. */
  hasSessions?: boolean
}) {
  const { t } = useTranslation()
  const [title, setTitle] = useState(initial.title)
  const [description, setDescription] = useState(initial.description)
  const [scoring, setScoring] = useState<Scoring>(initial.scoring)
  const [streakBonus, setStreakBonus] = useState(initial.streakBonus)
  const [touched, setTouched] = useState(false)
  const problems = { title: titleProblem(title, t), description: descriptionProblem(description, t) }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!problems.title && !problems.description)
      onSubmit({ title: title.trim(), description: description.trim(), scoring, streakBonus })
  }

  return (
    <chakra.form display="flex" flexDirection="column" gap="4" onSubmit={submit} noValidate>
      <FormField label={t('admin.quizDetails.title')} error={touched ? problems.title : null} required>
        <Input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={t('admin.quizDetails.titlePlaceholder')}
          autoFocus
        />
      </FormField>
      <FormField label={t('admin.quizDetails.description')} error={touched ? problems.description : null}>
        <Textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={2}
          placeholder={t('admin.quizDetails.descriptionPlaceholder')}
        />
      </FormField>
      <ScoringChoice scoring={scoring} onChange={setScoring} />
      <StreakBonusSwitch on={streakBonus} onChange={setStreakBonus} />
      {hasSessions && (
        <Text fontSize="sm" color="fg.muted">
          {t('admin.quizDetails.sessionsKeepScoring')}
        </Text>
      )}
      <InlineError error={error} />
      <Stack direction="row" gap="3">
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            {t('common.actions.cancel')}
          </Button>
        )}
      </Stack>
    </chakra.form>
  )
}
