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

from vocabquiz.errors import RowCode, RowProblem, RowsRejected
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
        raise RowsRejected([RowProblem(line, RowCode.NOT_UTF8)]) from None


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _header(cells: list[str]) -> tuple[dict[str, int], list[RowProblem]]:
    names = [c.strip().casefold() for c in cells]
    problems = []
    for name in names:
        if name and name not in COLUMNS:
            problems.append(
                RowProblem(
                    1, RowCode.UNKNOWN_COLUMN, {"column": name, "columns": ", ".join(COLUMNS)}
                )
            )
        elif name and names.count(name) > 1:
            problems.append(RowProblem(1, RowCode.REPEATED_COLUMN, {"column": name}))
    for name in REQUIRED:
        if name not in names:
            problems.append(RowProblem(1, RowCode.MISSING_COLUMN, {"column": name}))
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


def _check_row(word: Word, options: Options) -> list[RowProblem]:
    line = word.line
    problems = []
    if not word.word:
        problems.append(RowProblem(line, RowCode.WORD_EMPTY))
    if not word.meaning:
        problems.append(RowProblem(line, RowCode.MEANING_EMPTY))
    for name, value in (("word", word.word), ("meaning", word.meaning)):
        if len(value) > MAX_CHOICE:
            problems.append(RowProblem(line, RowCode.TOO_LONG, {"column": name, "max": MAX_CHOICE}))
    if len(word.example) > MAX_PROMPT:
        problems.append(
            RowProblem(line, RowCode.TOO_LONG, {"column": "example", "max": MAX_PROMPT})
        )
    if (
        word.example
        and word.word
        and options.direction != "word_to_meaning"
        and _blank(word.example, word.word) is None
    ):
        problems.append(
            RowProblem(line, RowCode.EXAMPLE_LACKS_WORD, {"word": word.word, "blank": BLANK})
        )
    answer = word.word if options.distractors_are_words() else word.meaning
    same = (
        RowCode.DISTRACTOR_IS_WORD
        if options.distractors_are_words()
        else RowCode.DISTRACTOR_IS_MEANING
    )
    seen: dict[str, str] = {}
    for column, distractor in zip(DISTRACTORS, word.distractors, strict=True):
        if not distractor:
            continue
        if len(distractor) > MAX_CHOICE:
            problems.append(
                RowProblem(line, RowCode.TOO_LONG, {"column": column, "max": MAX_CHOICE})
            )
        key = distractor.casefold()
        if answer and key == answer.casefold():
            problems.append(RowProblem(line, same, {"column": column}))
        elif key in seen:
            problems.append(
                RowProblem(line, RowCode.DISTRACTORS_SAME, {"first": seen[key], "second": column})
            )
        seen.setdefault(key, column)
    return problems


def read(text: str, options: Options) -> list[Word]:
    """Every row of the list, or RowsRejected naming every bad row by its line number."""
    if not text.strip():
        raise RowsRejected([RowProblem(None, RowCode.LIST_EMPTY)])
    # newline="": lines end at \n, \r\n or \r only, as an editor counts them (not at U+2028).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        columns, problems = _header(next(reader))
    except csv.Error as exc:
        problem = RowProblem(1, RowCode.HEADER_UNREADABLE, {"error": str(exc)})
        raise RowsRejected([problem]) from None
    if problems:
        raise RowsRejected(problems)
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
            problems.append(RowProblem(start, RowCode.ROW_UNREADABLE, {"error": str(exc)}))
            break
        end = reader.line_num
        if not any(c.strip() for c in cells):
            continue  # blank lines between and after rows
        if len(words) >= MAX_ROWS:
            rows = len(words) + 1 + sum(1 for row in reader if any(c.strip() for c in row))
            raise RowsRejected(
                [RowProblem(None, RowCode.TOO_MANY_ROWS, {"rows": rows, "max": MAX_ROWS})]
            )
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            problems.append(
                RowProblem(
                    start, RowCode.TOO_MANY_FIELDS, {"fields": len(cells), "columns": len(columns)}
                )
            )
            continue
        values: dict[str, str] = {}
        for name, index in columns.items():
            try:
                values[name] = clean_line(cells[index]) if index < len(cells) else ""
            except ValueError:  # the one thing clean_line refuses
                problems.append(RowProblem(start, RowCode.CONTROL_CHARACTERS, {"column": name}))
                values[name] = cells[index].strip()  # refused already; not "empty" as well
        word = Word(
            line=start,
            word=values["word"],
            meaning=values["meaning"],
            example=values.get("example", ""),
            distractors=tuple(values.get(d, "") for d in DISTRACTORS),
        )
        problems += _check_row(word, options)
        key = word.word.casefold()
        if key and key in first_line:
            problems.append(
                RowProblem(
                    start, RowCode.WORD_REPEATED, {"word": word.word, "line": first_line[key]}
                )
            )
        first_line.setdefault(key, start)
        words.append(word)
    if not words and not problems:
        problems.append(RowProblem(None, RowCode.NO_WORDS))
    if problems:
        raise RowsRejected(problems)
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
        parts.append((RowCode.TOO_FEW_MEANINGS, _asks(words, options, on_word=False), meanings))
    if options.direction in ("meaning_to_word", "both"):
        parts.append(
            (
                RowCode.TOO_FEW_WORDS,
                _asks(words, options, on_word=True),
                _distinct([w.word for w in words]),
            )
        )
    built: list[QuestionIn] = []
    problems: list[RowProblem] = []
    for too_few, asks, pool in parts:
        in_pool = {text.casefold() for text in pool}
        for ask in asks:
            extra = {g.casefold() for g in ask.given} - in_pool - ask.excluded
            line = ask.word.line
            if len(pool) - len(ask.excluded) + len(extra) < options.choices - 1:
                problems.append(RowProblem(line, too_few, {"choices": options.choices}))
            elif len(ask.prompt) > MAX_PROMPT:
                problems.append(RowProblem(line, RowCode.QUESTION_TOO_LONG, {"max": MAX_PROMPT}))
            else:
                built.append(_question(ask, pool, options, rng))
    if problems:
        raise RowsRejected(problems)
    return built
