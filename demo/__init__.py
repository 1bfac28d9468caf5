"""The demo of `qa run --demo`: a built-in sample of zh-CN hotline calls (`demo.calls`) and the
scenario that feeds them through the gateway and drives the closed loop (`demo.feeder`)."""
