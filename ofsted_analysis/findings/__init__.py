"""The findings domain: what inspection reports ask authorities to improve, and its themes."""
