"""Text stages: decoding, cleaning, sentences, language, sentence sentiment, quoted and reported speech."""
