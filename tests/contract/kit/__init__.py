"""The contract suite's machinery: the providers played locally, the backend started, shapes checked."""
