"""The application layer: what the reader is doing, with no Qt; the window adapts it and only shows."""
