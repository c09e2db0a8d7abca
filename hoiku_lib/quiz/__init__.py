"""The knowledge test: items as data (hoiku_lib/data/quiz/*.yaml), their lint, and scoring.

A training product has to show what people learned; the test is asked before the training,
after it and at a follow-up, and ``score`` turns the answers into per-item and overall
figures with 95 % intervals (docs/quiz.md).
"""
