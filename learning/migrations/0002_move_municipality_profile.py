# MunicipalityProfile moves to the municipalities app (municipalities 0006 takes it over).
# The table is renamed here and the model leaves this app's state; no row is copied.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='municipalityprofile',
            table='municipalities_municipalityprofile',
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='MunicipalityProfile')],
        ),
    ]
