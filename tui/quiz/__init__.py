"""Self-quiz core: grading, scheduling and the review store. Pure Python, no Textual."""
