"""The two surveys the network starts with, in both languages (the coordinator edits them in the
admin afterwards). Plain data, read by migration 0002 and by the demo seed."""

YES_NO = [("yes", "Yes", "Ja"), ("no", "No", "Nei")]
REASONS = [
    ("partner_work", "The partner's work", "Partnerens arbeid"),
    ("job", "The job", "Jobben"),
    ("housing", "Housing", "Boligen"),
    ("climate", "The climate", "Klimaet"),
    ("family", "Family", "Familien"),
    ("social", "Making friends, feeling at home", "Å få venner og føle seg hjemme"),
    ("language", "The language", "Språket"),
    ("other", "Something else", "Noe annet"),
]
COMMENT = (
    "comment",
    "text",
    False,
    "Anything else you would like to tell us?",
    "Noe mer du vil fortelle oss?",
    [],
)

# Added by migration 0004 to a check-in survey created before it; a low answer is an at-risk signal.
MAKING_FRIENDS = (
    "making_friends",
    "scale",
    False,
    "How easy is it to make friends here?",
    "Hvor lett er det å få venner her?",
    [],
)

# (slug, trigger, name en, name nb, introduction en, introduction nb,
#  [(key, kind, required, text en, text nb, [(choice key, en, nb)])])
SURVEYS = [
    (
        "move",
        "move",
        "How was your move?",
        "Hvordan var flyttingen?",
        "You have lived in the region for three months. Tell us what helped and what was hard, so that "
        "the next newcomers have an easier start.",
        "Du har bodd i regionen i tre måneder. Fortell oss hva som hjalp og hva som var vanskelig, så "
        "får de neste tilflytterne en enklere start.",
        [
            ("overall", "scale", False, "All in all, how well did your move go?", "Alt i alt, hvor godt gikk flyttingen?", []),
            ("helped", "multiple", False, "What helped?", "Hva hjalp?", [
                ("employer", "Your employer", "Arbeidsgiveren"),
                ("network", "The expat network", "Tilflytternettverket"),
                ("checklist", "The checklist on this portal", "Sjekklisten på portalen"),
                ("mentor", "A mentor", "En mentor"),
                ("start_housing", "Start housing", "Startbolig"),
                ("neighbours", "Colleagues and neighbours", "Kolleger og naboer"),
            ]),
            ("hard", "multiple", False, "What was hard?", "Hva var vanskelig?", [
                ("id_number", "Getting an ID number", "Å få fødselsnummer eller D-nummer"),
                ("bank", "Opening a bank account", "Å åpne bankkonto"),
                ("housing", "Finding housing", "Å finne bolig"),
                ("partner_job", "The partner's job", "Partnerens jobb"),
                ("kindergarten", "A kindergarten place", "Barnehageplass"),
                ("language", "The language", "Språket"),
                ("friends", "Making friends", "Å få venner"),
            ]),
            COMMENT,
        ],
    ),
    (
        "check-in",
        "anniversary",
        "Yearly check-in: how are you doing?",
        "Årlig oppfølging: hvordan går det?",
        "Once a year, on the day you arrived, we ask a few short questions for ten years.",
        "En gang i året, på dagen du kom, stiller vi noen korte spørsmål, i ti år.",
        [
            ("still_in_region", "single", True, "Do you still live in the region?", "Bor du fortsatt i regionen?",
             [("yes", "Yes", "Ja"), ("no", "No, I have moved away", "Nei, jeg har flyttet")]),
            ("left_reason", "single", False, "If you have moved away: what was the main reason?",
             "Hvis du har flyttet: hva var hovedgrunnen?", REASONS),
            ("same_employer", "single", False, "Do you work for the same employer?",
             "Jobber du for samme arbeidsgiver?", [
                ("yes", "Yes", "Ja"),
                ("no", "No, another employer", "Nei, en annen arbeidsgiver"),
                ("not_working", "I am not working", "Jeg er ikke i jobb"),
            ]),
            ("partner_working", "single", False, "Is your partner working?", "Er partneren din i jobb?", [
                ("yes", "Yes", "Ja"),
                ("no", "No", "Nei"),
                ("no_partner", "I have no partner here", "Jeg har ingen partner her"),
            ]),
            ("stay_five_years", "scale", False, "How likely are you to stay five more years?",
             "Hvor sannsynlig er det at du blir fem år til?", []),
            MAKING_FRIENDS,
            COMMENT,
        ],
    ),
]  # fmt: skip


def surveys_ensure(survey_model, question_model, choice_model) -> None:
    """Create the surveys that are missing (an existing survey is the coordinator's: left alone)."""
    for slug, trigger, name_en, name_nb, intro_en, intro_nb, questions in SURVEYS:
        survey, created = survey_model.objects.get_or_create(
            slug=slug,
            defaults={
                "trigger": trigger,
                "name": name_nb,
                "name_nb": name_nb,
                "name_en": name_en,
                "introduction": intro_nb,
                "introduction_nb": intro_nb,
                "introduction_en": intro_en,
            },
        )
        if not created:
            continue
        for position, (key, kind, required, text_en, text_nb, choices) in enumerate(questions):
            question = question_model.objects.create(
                survey=survey,
                key=key,
                kind=kind,
                required=required,
                position=position,
                text=text_nb,
                text_nb=text_nb,
                text_en=text_en,
            )
            choice_model.objects.bulk_create(
                choice_model(question=question, key=ck, position=i, text=c_nb, text_nb=c_nb, text_en=c_en)
                for i, (ck, c_en, c_nb) in enumerate(choices)
            )
