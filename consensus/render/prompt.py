"""The note-taker's prompt on a terminal, with prompt_toolkit (the library behind IPython, pgcli and
litecli): completion of words, names (attendees first) and decisions, a line history, a status
line under the prompt, and text prompts prefilled with the text to improve."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory, InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

from consensus.language import _
from consensus.members import fold

NAMES_AFTER = {"consent", "object", "aside", "concern"}
DECISIONS_AFTER = {"open", "replace"}
FOLLOW = {"amend": ["resolves"], "adopt": ["review"], "consent": ["all"], "aside": ["all"]}
FOLLOW_DE = {"amend": ["löst"], "adopt": ["prüfung"], "consent": ["alle"], "aside": ["alle"]}  # after a German word


class LiveCompleter(Completer):
    """Words first; then, by word, member names, decisions (ids and titles), or the word's own words."""

    def __init__(self, words: dict[str, str], names: Callable[[], Sequence[str]],
                 decisions: Callable[[], Sequence[tuple[str, str]]]) -> None:
        self.words = words  # as typed -> the English word
        self.names = names
        self.decisions = decisions

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        before = document.text_before_cursor
        if ":" in before or before.lstrip().startswith("#"):
            return  # free text: nothing to complete
        parts = before.lstrip().split(" ")
        if len(parts) == 1:
            start = fold(parts[0])
            for known in self.words:
                if fold(known).startswith(start) and known != parts[0]:
                    # With the space after it: what follows a word is typed next, not glued to it.
                    yield Completion(known + " ", start_position=-len(parts[0]), display=known)
            return
        word = self.words.get(parts[0].lower()) or self.words.get(fold(parts[0]))
        follows = FOLLOW if word is None or fold(parts[0]) == word else FOLLOW_DE
        current = parts[-1]
        typed = fold(current)
        if word in NAMES_AFTER:
            # A name may hold a space: complete the whole of what follows the last comma.
            chunk = before.split(",")[-1].lstrip() if "," in before else " ".join(parts[1:])
            yield from _names(chunk, [*follows.get(word, []), *self.names()])
        elif word in DECISIONS_AFTER:
            for decision_id, title in self.decisions():
                if decision_id.startswith(typed) or (typed and typed in fold(title)):
                    yield Completion(decision_id, start_position=-len(current), display_meta=title)
        elif word in follows and len(parts) == 2:
            for follow in follows[word]:
                if fold(follow).startswith(typed):
                    yield Completion(follow, start_position=-len(current))


class NamesCompleter(Completer):
    """A list of names separated by commas: the one being typed, completed from ``names``."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = names

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        yield from _names(document.text_before_cursor.split(",")[-1].lstrip(), self.names)


def _names(chunk: str, names: Sequence[str]) -> Iterator[Completion]:
    """The names that ``chunk``, the name being typed, may be the start of (case and accents aside)."""
    folded = fold(chunk)
    for name in names:
        if fold(name).startswith(folded) and name != chunk:
            yield Completion(name, start_position=-len(chunk))


def ask_names(question: str, names: Sequence[str]) -> str:
    """A line of names separated by commas, Tab completing each from ``names`` (who is at the
    meeting, as the note-taker starts it); EOFError on Ctrl-D, KeyboardInterrupt on Ctrl-C."""
    session: PromptSession[str] = PromptSession(completer=NamesCompleter(names), complete_while_typing=False)
    return session.prompt(question + ": ")


def _text_keys() -> KeyBindings:
    """Enter adds a line; Enter on an empty last line ends the text (as in the line-by-line mode)."""
    keys = KeyBindings()

    @keys.add("enter")
    def _(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        document = buffer.document
        if document.is_cursor_at_the_end and not document.current_line.strip():
            buffer.validate_and_handle()
        else:
            buffer.insert_text("\n")

    return keys


class LivePrompt:
    """Lines and texts from the note-taker at a terminal."""

    def __init__(self, history: Path | None, completer: LiveCompleter, toolbar: Callable[[], str]) -> None:
        try:
            kept = FileHistory(str(history)) if history is not None else InMemoryHistory()
        except OSError:
            kept = InMemoryHistory()
        self.session: PromptSession[str] = PromptSession(
            history=kept, completer=completer, complete_while_typing=False, bottom_toolbar=toolbar,
        )
        self.texts: PromptSession[str] = PromptSession(key_bindings=_text_keys(), multiline=True)
        self.titles: PromptSession[str] = PromptSession()

    def line(self, message: str) -> str:
        """One line; EOFError on Ctrl-D, KeyboardInterrupt on Ctrl-C."""
        return self.session.prompt(message)

    def text(self, what: str, prefill: str) -> str:
        """A text, prefilled with ``prefill`` to edit, ended by an empty line (KeyboardInterrupt on Ctrl-C)."""
        if what == "title":
            return self.titles.prompt(_("title") + "> ", default=prefill).strip()
        written = self.texts.prompt(_("text (an empty line ends it)") + ">\n", default=prefill)
        return written.rstrip("\n ").strip("\n")
