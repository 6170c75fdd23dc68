# The search vector is stemmed in the item's own language (Russian items with
# the "russian" configuration): the trigger is re-installed, the vectors refilled.

from django.db import migrations

from newsroom.search.operations import InstallSearchTrigger


class Migration(migrations.Migration):

    dependencies = [
        ("speeches", "0004_text_digests"),
    ]

    operations = [
        InstallSearchTrigger(
            model_name="speech",
            title="title",
            text=["summary"],
            html=["body"],
            language="language",
        ),
    ]
