"""The knowledge domain (pure, no I/O): the article, case, proposal, proposal-slot and digest
aggregates; detection thresholds (`detection`), the digest's week and groups (`digest`), and an
editor's approval turned into an article revision (`approval`)."""
