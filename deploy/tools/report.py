"""Prints each check as it is made and remembers whether any failed."""

import sys


class Report:
    def __init__(self, stream=sys.stdout):
        self.stream = stream
        self.failures = 0

    def check(self, label, problems):
        """One named check: passes when `problems` (a list of sentences) is empty."""
        problems = list(problems)
        if problems:
            self.failures += len(problems)
            for problem in problems:
                print(f"FAIL {label}: {problem}", file=self.stream)
        else:
            print(f"ok   {label}", file=self.stream)
        self.stream.flush()

    def note(self, text):
        print(f"note {text}", file=self.stream)
        self.stream.flush()
