from network.uploads import UploadValidator

# A partner's CV: a PDF or a Word/OpenDocument file, checked by content, at most 5 MB.
validate_career_cv = UploadValidator(kinds=("pdf", "office"), max_mb=5)
