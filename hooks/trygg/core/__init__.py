"""The base layer: problems, sources with line numbers, validation, the register, loading,
rendering and the API framework, texts, identity, history, memo. Imports nothing above it."""
