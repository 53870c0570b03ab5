from django.db import migrations

from practices.reference import load_reference_data

MODEL_NAMES = ("Oblast", "Rayon", "Municipality", "ServiceType", "FundingMechanism", "BeneficiaryGroup")


def load(apps, schema_editor):
    load_reference_data({name: apps.get_model("practices", name) for name in MODEL_NAMES})


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
