"""The knowledge service: articles (口径, FAQ, 流程, 政策), the case library (案例库) and
knowledge-update proposals opened by findings that cross a threshold or by an inspector."""
