"""The preview (`mkdocs serve`): its error banner, incremental files and file watching."""
