"""Noticing saved files in the preview with the system's file events instead of polling.

MkDocs 1.6 polls: every watched file is looked at twice a second, so a save waited 0.25 s on
average (up to 0.5 s) before the rebuild began, and the scans (24 ms at 1,000 pages, growing
with the site) compete with the builds. `ChangeObserver` is watchdog's native observer (inotify
on Linux, FSEvents on macOS, …) with the events a change-watcher needs and nothing else:

- reading a file is not a change: watchdog reports opening and closing files, and every build
  reads content/, mkdocs.yml and hooks/, which would start build after build;
- a folder created, moved or deleted is a change: MkDocs' callback ignores folder events (its
  polling saw the files inside come and go), and a writer may delete a whole meeting folder.

This module is watchdog only; the hook hands the observer to MkDocs' server (`on_serve`).
"""

from __future__ import annotations

from watchdog.events import (EVENT_TYPE_ATTRIB, EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED,
                             EVENT_TYPE_MOVED, DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileAttribEvent,
                             FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEvent,
                             FileSystemEventHandler)
from watchdog.observers import Observer

_FILE_CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_ATTRIB}
_FOLDER_CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED}  # not 'modified': a file inside did
# Asked of the system itself (inotify's mask), so a build's reads of some 1,500 files are not even
# reported: decoding them in watchdog's thread took the build's interpreter lock for a third of a second.
_WANTED = [FileCreatedEvent, FileModifiedEvent, FileAttribEvent, FileDeletedEvent, FileMovedEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class ChangeObserver(Observer):  # type: ignore[misc, valid-type]  (Observer is the platform's class)
    def schedule(self, event_handler: FileSystemEventHandler, path: str, *, recursive: bool = False,
                 event_filter: list | None = None):
        return super().schedule(_Changes(event_handler), path, recursive=recursive, event_filter=event_filter or _WANTED)


class _Changes(FileSystemEventHandler):
    """Passes on the events that change what a build reads, a folder's as a change to a file."""

    def __init__(self, handler: FileSystemEventHandler) -> None:
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if not event.is_directory and event.event_type in _FILE_CHANGES:
            self.handler.dispatch(event)
        elif event.is_directory and event.event_type in _FOLDER_CHANGES:
            self.handler.dispatch(FileModifiedEvent(event.src_path))
