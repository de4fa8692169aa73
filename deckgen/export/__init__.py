"""Hand a finished deck to outside tools: LibreOffice (PDF, PNG) and the OOXML validator."""
