"""The DfE outcomes domain: the ``outcomes`` table, its indicators and their analysis beside
the grades."""
