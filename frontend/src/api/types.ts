// Names from the product's words for the generated client's types. They are taken from the
// operations (whose ids are fixed) rather than from schema names, which the server may rename.
import type {
  AddQuestionData,
  CreateTeacherResponse,
  GetJobResponse,
  GetLeaderboardResponse,
  GetQuizResponse,
  GetResultsResponse,
  GetSessionResponse,
  GetTurnResponse,
  JoinLinkResponse,
  JoinSessionResponse,
  ListQuizzesData,
  ListQuizzesResponse,
  ListTeachersResponse,
  LiveActionData,
  LiveAnswerResponse,
  LiveStateResponse,
  LoginResponse,
  MeResponse,
  MySessionsResponse,
  PracticeResponse,
  PreviewWordListData,
  PreviewWordListResponse,
  SessionAnalyticsResponse,
  SubmitAnswerResponse,
} from '../client'

export type Token = LoginResponse
export type User = MeResponse
export type QuizSummary = ListQuizzesResponse[number]
/** Which quizzes a list holds: the caller's own, those shared with the school, or both (for an admin, all). */
export type QuizScope = NonNullable<NonNullable<ListQuizzesData['query']>['scope']>
export type Quiz = GetQuizResponse
export type Question = Quiz['questions'][number]
export type QuestionInput = AddQuestionData['body']
export type Session = GetSessionResponse
export type SessionMode = NonNullable<Session['mode']>
export type Participant = JoinSessionResponse
export type Turn = GetTurnResponse
export type AnswerResult = SubmitAnswerResponse
export type Leaderboard = GetLeaderboardResponse
export type LeaderboardEntry = Leaderboard['entries'][number]
export type ParticipantResult = GetResultsResponse[number]
export type HistoryEntry = MySessionsResponse[number]
export type Scoring = Quiz['scoring']
export type WordListPreview = PreviewWordListResponse
/** A background job, e.g. a long word list being added (GET /api/jobs/{job_id}). */
export type Job = GetJobResponse
export type WordListOptions = Required<Omit<NonNullable<PreviewWordListData['query']>, 'seed'>>
export type QuestionAnalytics = SessionAnalyticsResponse
export type QuestionStats = QuestionAnalytics['questions'][number]
export type Practice = PracticeResponse
export type PracticeQuestion = Practice['questions'][number]
export type LiveState = LiveStateResponse
export type LiveQuestion = NonNullable<LiveState['question']>
export type LiveReveal = NonNullable<LiveState['reveal']>
export type LiveOutcome = NonNullable<LiveReveal['me']>
export type LiveEntry = LiveReveal['top'][number]
export type LivePodium = NonNullable<LiveState['podium']>
export type LiveAnswerResult = LiveAnswerResponse
export type LiveAction = LiveActionData['path']['action']
export type LiveVote = LiveReveal['votes'][number]
/** The base URL learners should open to join, and whether other devices can reach it. */
export type JoinLinkBase = JoinLinkResponse
/** A teacher's account as an admin manages it (GET /api/teachers). */
export type Teacher = ListTeachersResponse[number]
/** A teacher with the password made up for them, shown this once (null when the admin chose it). */
export type TeacherWithPassword = CreateTeacherResponse
