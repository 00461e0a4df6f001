"""Word lists to questions: reading, every reason a row is refused, and the distractors."""

from __future__ import annotations

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from vocabquiz.errors import RowsRejected
from vocabquiz.quizzes import wordlist
from vocabquiz.quizzes.wordlist import Options

WORDS = [
    ("exhausted", "very tired", "She felt exhausted after the long walk."),
    ("vivid", "bright and clear", ""),
    ("brief", "short in time", "The meeting was brief."),
    ("reluctant", "unwilling", ""),
    ("rapid", "fast", ""),
    ("quick", "fast", ""),
    ("ancient", "very old", ""),
    ("fragile", "easily broken", ""),
]


def csv_of(
    rows: list[tuple[str, ...]], header: str = "word,meaning,example", sep: str = ","
) -> str:
    lines = [header.replace(",", sep)] + [sep.join(row) for row in rows]
    return "\n".join(lines) + "\n"


def problems(text: str, options: Options | None = None) -> list[tuple[int | None, str]]:
    options = options or Options()
    with pytest.raises(RowsRejected) as caught:
        wordlist.questions(wordlist.read(text, options), options, seed=1)
    return [(p.line, p.reason) for p in caught.value.problems]


def answer_of(question: wordlist.QuestionIn) -> str:
    return next(c.text for c in question.choices if c.correct)


@pytest.mark.parametrize("sep", [",", ";"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_comma_or_semicolon_with_or_without_bom_reads_the_same(
    sep: str, bom: str, newline: str
) -> None:
    raw = (bom + csv_of(WORDS, sep=sep)).replace("\n", newline).encode()
    words = wordlist.read(wordlist.decode(raw), Options())
    assert [(w.word, w.meaning, w.example) for w in words] == WORDS
    assert words[0].line == 2


def test_quoted_fields_keep_their_commas_and_lines_count_from_the_header() -> None:
    text = 'Word,Meaning\n"to put up with","tolerate, accept"\n\nbrief,short in time\n'
    words = wordlist.read(text, Options())
    assert [(w.line, w.word, w.meaning) for w in words] == [
        (2, "to put up with", "tolerate, accept"),
        (4, "brief", "short in time"),
    ]


@pytest.mark.parametrize("direction", ["word_to_meaning", "meaning_to_word", "both"])
@pytest.mark.parametrize("choices", [2, 4, 6])
def test_distractors_never_equal_the_answer_and_are_distinct(direction: str, choices: int) -> None:
    options = Options(direction=direction, choices=choices)  # type: ignore[arg-type]
    words = wordlist.read(csv_of(WORDS), options)
    made = wordlist.questions(words, options, seed=3)
    assert len(made) == len(WORDS) * (2 if direction == "both" else 1)
    for q in made:
        texts = [c.text.casefold() for c in q.choices]
        assert len(q.choices) == choices
        assert sum(c.correct for c in q.choices) == 1
        assert len(set(texts)) == len(texts)


def test_which_word_questions_never_offer_a_synonym_as_a_wrong_answer() -> None:
    options = Options(direction="meaning_to_word", choices=6)
    for seed in range(30):
        made = wordlist.questions(wordlist.read(csv_of(WORDS), options), options, seed)
        for q in made:
            if answer_of(q) in ("rapid", "quick"):
                assert {c.text for c in q.choices} >= {answer_of(q)}
                assert not {"rapid", "quick"} <= {c.text for c in q.choices}


def test_distractors_vary_between_questions_and_the_right_answer_moves() -> None:
    options = Options(choices=3)
    made = wordlist.questions(wordlist.read(csv_of(WORDS), options), options, seed=5)
    wrong_sets = {frozenset(c.text for c in q.choices if not c.correct) for q in made}
    assert len(wrong_sets) > 3
    positions = {next(i for i, c in enumerate(q.choices) if c.correct) for q in made}
    assert len(positions) > 1


def test_the_same_seed_makes_the_same_questions_and_another_seed_others() -> None:
    words = wordlist.read(csv_of(WORDS), Options())
    one = wordlist.questions(words, Options(), seed=42)
    assert one == wordlist.questions(words, Options(), seed=42)
    assert one != wordlist.questions(words, Options(), seed=43)


def test_given_distractors_win_over_generated_ones() -> None:
    rows = [
        (*w[:2], "", "tired", "sleepy") if w[0] == "exhausted" else (*w[:2], "", "", "")
        for w in WORDS
    ]
    header = "word,meaning,example,distractor_1,distractor_2"
    text = csv_of([r[:5] for r in rows], header=header)
    for seed in range(10):
        made = wordlist.questions(wordlist.read(text, Options()), Options(), seed)
        first = {c.text for c in made[0].choices if not c.correct}
        assert {"tired", "sleepy"} <= first and len(first) == 3


def test_given_word_distractors_go_to_the_fill_in_the_blank_question() -> None:
    text = csv_of(
        [
            ("exhausted", "very tired", "She felt exhausted.", "excited"),
            *[(*w[:2], "", "") for w in WORDS[1:]],
        ],
        header="word,meaning,example,distractor_1",
    )
    options = Options(direction="both")
    made = wordlist.questions(wordlist.read(text, options), options, seed=9)
    on_meaning, on_word = made[0], made[len(WORDS)]
    assert on_word.prompt == "She felt ___."
    assert "excited" in {c.text for c in on_word.choices}
    assert "excited" not in {c.text for c in on_meaning.choices}
    assert on_meaning.prompt == "What does “exhausted” mean in “She felt exhausted.”?"


def test_example_becomes_a_blank_whatever_its_case_and_only_as_a_whole_word() -> None:
    rows = [("art", "painting and drawing", "Art is at the party; she studies art.")]
    text = csv_of(rows + [(*w[:2], "") for w in WORDS])
    options = Options(direction="meaning_to_word")
    made = wordlist.questions(wordlist.read(text, options), options, seed=1)
    assert made[0].prompt == "___ is at the party; she studies ___."
    assert made[1].prompt == "Which word means “very tired”?"


def test_an_example_with_its_own_blank_is_kept_as_written() -> None:
    rows = [("went", "past of go", "Yesterday we ___ home.")]
    text = csv_of(rows + [(*w[:2], "") for w in WORDS])
    options = Options(direction="meaning_to_word")
    made = wordlist.questions(wordlist.read(text, options), options, seed=1)
    assert made[0].prompt == "Yesterday we ___ home."


def test_options_set_time_and_points() -> None:
    options = Options(time_limit_s=None, points=250)
    made = wordlist.questions(wordlist.read(csv_of(WORDS), options), options, seed=1)
    assert {(q.time_limit_s, q.points) for q in made} == {(None, 250)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [(None, "the list is empty")]),
        ("word,meaning\n", [(None, "the list has a header but no words")]),
        ("word\nvivid\n", [(1, "the header has no “meaning” column")]),
        (
            "word,meaning,colour\n",
            [
                (
                    1,
                    "unknown column “colour”; the columns are word, meaning, example, "
                    "distractor_1, distractor_2, distractor_3",
                )
            ],
        ),
        ("word,meaning,word\n", [(1, "column “word” appears more than once")]),
        ("word,meaning\n,bright\n", [(2, "the word is empty")]),
        ("word,meaning\nvivid,\n", [(2, "the meaning is empty")]),
        ("word,meaning\nvivid,bright,extra\n", [(2, "has 3 fields but the header has 2")]),
        ("word,meaning\nvivid,bright\nVivid,clear\n", [(3, "“Vivid” is already on line 2")]),
        ('word,meaning\n"vivid,bright\n', [(2, "cannot be read: unexpected end of data")]),
        ("word,meaning\nviv\x07id,bright\n", [(2, "the word must not contain control characters")]),
        (f"word,meaning\n{'w' * 201},bright\n", [(2, "the word is longer than 200 characters")]),
        (
            "word,meaning,distractor_1\nvivid,bright,Bright\n",
            [(2, "distractor_1 is the same as the meaning")],
        ),
        (
            "word,meaning,distractor_1,distractor_3\nvivid,bright,dull,DULL\n",
            [(2, "distractor_1 and distractor_3 are the same")],
        ),
    ],
)
def test_each_bad_row_is_reported_with_its_line_and_reason(
    text: str, expected: list[tuple[int | None, str]]
) -> None:
    assert problems(text)[: len(expected)] == expected


def test_an_example_without_the_word_is_refused_only_when_it_becomes_a_blank() -> None:
    text = csv_of(
        [
            ("vivid", "bright and clear", "The colours were bright."),
            *[(*w[:2], "") for w in WORDS if w[0] != "vivid"],
        ]
    )
    assert problems(text, Options(direction="meaning_to_word")) == [
        (2, "the example does not contain the word “vivid” (or a ___ blank)")
    ]
    words = wordlist.read(text, Options(direction="word_to_meaning"))
    assert words[0].example == "The colours were bright."


def test_too_few_different_answers_for_the_choices_is_reported_per_row() -> None:
    text = "word,meaning\nvivid,bright\nbrief,short\n"
    assert problems(text, Options(choices=4)) == [
        (2, "not enough other meanings in the list for 4 choices"),
        (3, "not enough other meanings in the list for 4 choices"),
    ]
    synonyms = "word,meaning\nrapid,fast\nquick,fast\nswift,fast\n"
    assert problems(synonyms, Options(direction="meaning_to_word", choices=2))[0] == (
        2,
        "not enough other words in the list for 2 choices",
    )


def test_every_bad_row_is_reported_at_once() -> None:
    text = "word,meaning\n,a\nb,\nc,d\n,\ne,f,g\n"
    assert [line for line, _ in problems(text)] == [2, 3, 6]


def test_not_utf8_is_refused_with_the_line() -> None:
    with pytest.raises(RowsRejected) as caught:
        wordlist.decode("word,meaning\nvivid,bright\ncafé,coffee shop\n".encode("latin-1"))
    assert [(p.line, p.reason) for p in caught.value.problems] == [
        (3, "is not UTF-8 text; save the list as CSV UTF-8")
    ]


def test_up_to_2000_rows_and_no_more() -> None:
    rows = [(f"word{i}", f"meaning {i}", "") for i in range(2000)]
    assert len(wordlist.read(csv_of(rows), Options())) == 2000
    assert problems(csv_of([*rows, ("one", "more", "")])) == [
        (None, "the list has 2,001 rows; at most 2,000 at a time")
    ]


_text = (
    st.text(
        alphabet=st.characters(
            codec="utf-8", categories=["L", "N", "Zs", "P"], exclude_characters='"'
        ),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(_text, _text), min_size=1, max_size=12),
    direction=st.sampled_from(["word_to_meaning", "meaning_to_word", "both"]),
    choices=st.integers(2, 6),
    seed=st.integers(0, 2**31 - 1),
)
def test_any_list_makes_valid_questions_or_says_why_not(
    rows: list[tuple[str, str]], direction: str, choices: int, seed: int
) -> None:
    options = Options(direction=direction, choices=choices)  # type: ignore[arg-type]
    text = "word;meaning\n" + "".join(f'"{w}";"{m}"\n' for w, m in rows)
    try:
        words = wordlist.read(text, options)
        made = wordlist.questions(words, options, seed)
    except RowsRejected as rejected:
        event("rejected")
        assert rejected.problems
        assert all(p.line is None or 2 <= p.line <= len(rows) + 1 for p in rejected.problems)
        return
    meaning_of = {w.word.casefold(): w.meaning.casefold() for w in words}
    assert len(made) == len(words) * (2 if direction == "both" else 1)
    for q in made:
        texts = [c.text.casefold() for c in q.choices]
        assert len(q.choices) == choices and len(set(texts)) == choices
        assert sum(c.correct for c in q.choices) == 1
        if q.prompt.startswith("Which word means"):
            # No wrong choice is a word with the right answer's meaning.
            right = answer_of(q).casefold()
            wrong = [t for t in texts if t != right]
            assert all(meaning_of[t] != meaning_of[right] for t in wrong)


def test_lines_are_counted_as_an_editor_counts_them() -> None:
    # A quoted field over two lines, Windows line ends, and a U+2028 that is not a line end.
    text = 'word,meaning\r\na,b\r\n"c\nd",e\r\nf,g\r\nh\u2028i,\r\n'
    assert problems(text) == [
        (3, "the word must not contain control characters"),
        (6, "the word must not contain control characters"),
        (6, "the meaning is empty"),
    ]


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        ("", Options(), (None, "list_empty", {})),
        ("word,meaning,colour\n", Options(), (1, "unknown_column", {"column": "colour"})),
        ("word\nvivid\n", Options(), (1, "missing_column", {"column": "meaning"})),
        ('word,meaning\n"vivid,bright\n', Options(), (2, "row_unreadable", {})),
        ("word,meaning\nvivid,bright,x\n", Options(), (2, "too_many_fields", {"fields": 3})),
        (
            "word,meaning,distractor_2\nviv\x07id,bright,x\n",
            Options(),
            (2, "control_characters", {"column": "word"}),
        ),
        (
            f"word,meaning,distractor_2\nvivid,bright,{'x' * 201}\n",
            Options(),
            (2, "too_long", {"column": "distractor_2", "max": 200}),
        ),
        (
            "word,meaning,distractor_1\nvivid,bright,VIVID\n",
            Options(direction="meaning_to_word"),
            (2, "distractor_is_word", {"column": "distractor_1"}),
        ),
        (
            "word,meaning,distractor_1,distractor_3\nvivid,bright,dull,DULL\n",
            Options(),
            (2, "distractors_same", {"first": "distractor_1", "second": "distractor_3"}),
        ),
        (
            "word,meaning\nvivid,bright\nVivid,clear\n",
            Options(),
            (3, "word_repeated", {"word": "Vivid", "line": 2}),
        ),
        (
            "word,meaning\nvivid,bright\n",
            Options(choices=3),
            (2, "too_few_meanings", {"choices": 3}),
        ),
    ],
)
def test_each_problem_carries_its_code_and_the_params_of_its_sentence(
    text: str, options: Options, expected: tuple[int | None, str, dict[str, object]]
) -> None:
    with pytest.raises(RowsRejected) as caught:
        wordlist.questions(wordlist.read(text, options), options, seed=1)
    first = caught.value.problems[0]
    line, code, params = expected
    assert (first.line, first.code) == (line, code)
    assert {k: first.params[k] for k in params} == params
    # The params fill every placeholder of the English sentence.
    assert "{" not in first.reason
