"""Word lists: a CSV of words and meanings turned into multiple-choice questions.

Pure functions: `read` checks a whole list and reports every bad row at once; `questions` builds
the questions with distractors drawn from the other rows, reproducibly for a given seed.
"""

from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from vocabquiz.quizzes.schemas import ChoiceIn, QuestionIn
from vocabquiz.text_rules import clean_line

Direction = Literal["word_to_meaning", "meaning_to_word", "both"]

MAX_ROWS = 2000
REQUIRED = ("word", "meaning")
DISTRACTORS = ("distractor_1", "distractor_2", "distractor_3")
COLUMNS = (*REQUIRED, "example", *DISTRACTORS)
MAX_CHOICE = 200
MAX_PROMPT = 500
BLANK = "___"


@dataclass(frozen=True, slots=True)
class Problem:
    line: int | None  # None: the list as a whole
    reason: str


class WordListRejected(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = list(problems)


@dataclass(frozen=True, slots=True)
class Word:
    line: int
    word: str
    meaning: str
    example: str
    distractors: tuple[str, ...]  # distractor_1..3 as given, "" where empty

    @property
    def given_distractors(self) -> tuple[str, ...]:
        return tuple(d for d in self.distractors if d)


@dataclass(frozen=True, slots=True)
class Options:
    direction: Direction = "word_to_meaning"
    choices: int = 4
    time_limit_s: int | None = 20
    points: int = 1000

    def distractors_are_words(self) -> bool:
        """Given distractors are wrong answers of the row's own kind: meanings when the answer is
        a meaning, words when it is a word (with `both`, they go to the question on the word)."""
        return self.direction != "word_to_meaning"


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise WordListRejected(
            [Problem(line, "is not UTF-8 text; save the list as CSV UTF-8")]
        ) from None


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _header(cells: list[str]) -> tuple[dict[str, int], list[Problem]]:
    names = [c.strip().casefold() for c in cells]
    problems = []
    for name in names:
        if name and name not in COLUMNS:
            problems.append(
                Problem(1, f"unknown column “{name}”; the columns are {', '.join(COLUMNS)}")
            )
        elif name and names.count(name) > 1:
            problems.append(Problem(1, f"column “{name}” appears more than once"))
    for name in REQUIRED:
        if name not in names:
            problems.append(Problem(1, f"the header has no “{name}” column"))
    return {name: i for i, name in enumerate(names) if name}, problems


def _blank(example: str, word: str) -> str | None:
    """The example with the word replaced by a blank, or None if the word is not in it."""
    if BLANK in example:
        return example
    edge_start = r"\b" if re.match(r"\w", word) else ""
    edge_end = r"\b" if re.search(r"\w$", word) else ""
    pattern = re.compile(edge_start + re.escape(word) + edge_end, re.IGNORECASE)
    blanked, count = pattern.subn(BLANK, example)
    return blanked if count else None


def _check_row(word: Word, options: Options) -> list[str]:
    reasons = []
    if not word.word:
        reasons.append("the word is empty")
    if not word.meaning:
        reasons.append("the meaning is empty")
    for name, value in (("word", word.word), ("meaning", word.meaning)):
        if len(value) > MAX_CHOICE:
            reasons.append(f"the {name} is longer than {MAX_CHOICE} characters")
    if len(word.example) > MAX_PROMPT:
        reasons.append(f"the example is longer than {MAX_PROMPT} characters")
    if (
        word.example
        and word.word
        and options.direction != "word_to_meaning"
        and _blank(word.example, word.word) is None
    ):
        reasons.append(f"the example does not contain the word “{word.word}” (or a {BLANK} blank)")
    answer = word.word if options.distractors_are_words() else word.meaning
    seen: dict[str, int] = {}
    for i, distractor in enumerate(word.distractors, start=1):
        if not distractor:
            continue
        if len(distractor) > MAX_CHOICE:
            reasons.append(f"distractor_{i} is longer than {MAX_CHOICE} characters")
        key = distractor.casefold()
        if answer and key == answer.casefold():
            kind = "word" if options.distractors_are_words() else "meaning"
            reasons.append(f"distractor_{i} is the same as the {kind}")
        elif key in seen:
            reasons.append(f"distractor_{seen[key]} and distractor_{i} are the same")
        seen.setdefault(key, i)
    return reasons


def read(text: str, options: Options) -> list[Word]:
    """Every row of the list, or WordListRejected naming every bad row by its line number."""
    if not text.strip():
        raise WordListRejected([Problem(None, "the list is empty")])
    # newline="": lines end at \n, \r\n or \r only, as an editor counts them (not at U+2028).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        columns, problems = _header(next(reader))
    except csv.Error as exc:
        raise WordListRejected([Problem(1, f"the header cannot be read: {exc}")]) from None
    if problems:
        raise WordListRejected(problems)
    words: list[Word] = []
    first_line: dict[str, int] = {}
    end = reader.line_num
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(start, f"cannot be read: {exc}"))
            break
        end = reader.line_num
        if not any(c.strip() for c in cells):
            continue  # blank lines between and after rows
        if len(words) >= MAX_ROWS:
            rows = len(words) + 1 + sum(1 for row in reader if any(c.strip() for c in row))
            raise WordListRejected(
                [Problem(None, f"the list has {rows:,} rows; at most {MAX_ROWS:,} at a time")]
            )
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            problems.append(
                Problem(start, f"has {len(cells)} fields but the header has {len(columns)}")
            )
            continue
        values: dict[str, str] = {}
        reasons = []
        for name, index in columns.items():
            try:
                values[name] = clean_line(cells[index]) if index < len(cells) else ""
            except ValueError as exc:
                reasons.append(f"the {name.replace('_', ' ')} {exc}")
                values[name] = cells[index].strip()  # refused already; not "empty" as well
        word = Word(
            line=start,
            word=values["word"],
            meaning=values["meaning"],
            example=values.get("example", ""),
            distractors=tuple(values.get(d, "") for d in DISTRACTORS),
        )
        reasons += _check_row(word, options)
        key = word.word.casefold()
        if key and key in first_line:
            reasons.append(f"“{word.word}” is already on line {first_line[key]}")
        first_line.setdefault(key, start)
        problems += [Problem(start, reason) for reason in reasons]
        words.append(word)
    if not words and not problems:
        problems.append(Problem(None, "the list has a header but no words"))
    if problems:
        raise WordListRejected(problems)
    return words


@dataclass(frozen=True, slots=True)
class _Ask:
    word: Word
    prompt: str
    answer: str
    given: tuple[str, ...]
    # Casefolded texts that must not be offered as wrong answers.
    excluded: frozenset[str]


def _distinct(values: Sequence[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return list(seen.values())


def _asks(words: list[Word], options: Options, on_word: bool) -> list[_Ask]:
    """One question per row: which meaning a word has, or (on_word) which word fits."""
    words_by_meaning: dict[str, set[str]] = {}
    for w in words:
        words_by_meaning.setdefault(w.meaning.casefold(), set()).add(w.word.casefold())
    asks = []
    for w in words:
        if on_word:
            blanked = _blank(w.example, w.word) if w.example else None
            prompt = blanked or f"Which word means “{w.meaning}”?"
            given = w.given_distractors if options.distractors_are_words() else ()
            # Another word with the same meaning would be a right answer too.
            excluded = words_by_meaning[w.meaning.casefold()]
            asks.append(_Ask(w, prompt, w.word, given, frozenset(excluded)))
        else:
            prompt = f"What does “{w.word}” mean?"
            if w.example:
                prompt = f"What does “{w.word}” mean in “{w.example}”?"
            given = () if options.distractors_are_words() else w.given_distractors
            asks.append(_Ask(w, prompt, w.meaning, given, frozenset([w.meaning.casefold()])))
    return asks


def _question(ask: _Ask, pool: list[str], options: Options, rng: random.Random) -> QuestionIn:
    """Given distractors first, the rest drawn at random from the pool, all in a random order."""
    needed = options.choices - 1
    taken = set(ask.excluded)
    wrong: list[str] = []
    for text in ask.given:
        if len(wrong) < needed and text.casefold() not in taken:
            wrong.append(text)
            taken.add(text.casefold())
    # A sample larger by what may be refused still leaves enough, without scanning the pool.
    for text in rng.sample(pool, min(len(pool), needed + len(taken))):
        if len(wrong) < needed and text.casefold() not in taken:
            wrong.append(text)
            taken.add(text.casefold())
    texts = [ask.answer, *wrong]
    rng.shuffle(texts)
    return QuestionIn(
        prompt=ask.prompt,
        choices=[ChoiceIn(text=t, correct=t == ask.answer) for t in texts],
        time_limit_s=options.time_limit_s,
        points=options.points,
    )


def questions(words: list[Word], options: Options, seed: int) -> list[QuestionIn]:
    """The questions of a checked list; the same words, options and seed give the same questions."""
    rng = random.Random(seed)
    parts = []
    if options.direction in ("word_to_meaning", "both"):
        meanings = _distinct([w.meaning for w in words])
        parts.append(("meanings", _asks(words, options, on_word=False), meanings))
    if options.direction in ("meaning_to_word", "both"):
        parts.append(
            ("words", _asks(words, options, on_word=True), _distinct([w.word for w in words]))
        )
    built, problems = [], []
    for kind, asks, pool in parts:
        in_pool = {text.casefold() for text in pool}
        for ask in asks:
            extra = {g.casefold() for g in ask.given} - in_pool - ask.excluded
            if len(pool) - len(ask.excluded) + len(extra) < options.choices - 1:
                reason = f"not enough other {kind} in the list for {options.choices} choices"
                problems.append(Problem(ask.word.line, reason))
            elif len(ask.prompt) > MAX_PROMPT:
                reason = f"the question would be longer than {MAX_PROMPT} characters"
                problems.append(Problem(ask.word.line, reason))
            else:
                built.append(_question(ask, pool, options, rng))
    if problems:
        raise WordListRejected(problems)
    return built
