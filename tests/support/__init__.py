"""Test support shared by the suites: fakes of the outside world that run on 127.0.0.1."""
