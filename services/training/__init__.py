"""The training service: programmes built from knowledge updates, the cascade, quizzes, and
the verification of trained agents by later inspection."""
