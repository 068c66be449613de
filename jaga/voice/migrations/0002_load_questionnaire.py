"""Load Jaga's draft questionnaire from jaga/reference/voice_questionnaire.json."""

from django.db import migrations


def load(apps, schema_editor):
    from jaga.voice.services.survey import questionnaire_load

    questionnaire_load(
        questionnaire_model=apps.get_model("voice", "Questionnaire"),
        question_model=apps.get_model("voice", "Question"),
    )


class Migration(migrations.Migration):
    dependencies = [("voice", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
