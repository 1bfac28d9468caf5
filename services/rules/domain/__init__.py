"""Rules domain: versioned rule sets (draft → validate → publish), pure logic, no I/O."""
