"""The shared core every domain builds on: grade words, dates, frameworks and harmonised areas,
the authority register, errors that name where bad input was found, the project's folders, and
the checks of what a user gives."""
