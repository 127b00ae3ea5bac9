"""Readers of the area SEND sources: :mod:`.tables` (Ofsted's official statistics and
management information, ADCS's summary, Data to Insight's scrape) and :mod:`.report` (the
2023-framework report PDFs); each produces :class:`.record.SendRecord` records."""
