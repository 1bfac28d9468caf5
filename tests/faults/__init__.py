"""Fault injection: processes killed with SIGKILL, servers stopped and restarted, the stream
deleted; after each, every call must have been stored, inspected, listed and counted exactly once.
"""
