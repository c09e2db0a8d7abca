"""The anonymous workshop answer store (``hoiku workshop``)."""
