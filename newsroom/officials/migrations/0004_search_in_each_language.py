# An official is found by their name, post or biography in any language (either
# spelling of the name): the trigger indexes every language's columns with
# every configuration, and the vectors are refilled.

from django.db import migrations

from newsroom.search.operations import InstallSearchTrigger


class Migration(migrations.Migration):

    dependencies = [
        ("officials", "0003_names_in_each_language"),
    ]

    operations = [
        InstallSearchTrigger(
            model_name="official",
            title=["name_en", "name_ru"],
            text=[
                "position_en",
                "position_ru",
                "rank_en",
                "rank_ru",
                "organ_en",
                "organ_ru",
                "country_en",
                "country_ru",
            ],
            html=["biography_en", "biography_ru"],
        ),
    ]
