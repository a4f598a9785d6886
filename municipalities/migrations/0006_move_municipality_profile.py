# MunicipalityProfile, formerly learning's: learning 0002 renamed its table to this app's name,
# so only the state is created here. The content type follows, and with it the permissions
# and the admin's history of the model.

import django.core.validators
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not content_type.objects.using(db).filter(
        app_label="municipalities", model="municipalityprofile"
    ).exists():
        content_type.objects.using(db).filter(
            app_label="learning", model="municipalityprofile"
        ).update(app_label="municipalities")


def keep_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.using(schema_editor.connection.alias).filter(
        app_label="municipalities", model="municipalityprofile"
    ).update(app_label="learning")


class Migration(migrations.Migration):

    dependencies = [
        ('municipalities', '0005_merge_20261202_0646'),
        ('learning', '0002_move_municipality_profile'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='MunicipalityProfile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=4, unique=True, validators=[django.core.validators.RegexValidator(message='A municipality code has exactly four digits, e.g. 1315.', regex='^\\d{4}$')], verbose_name='municipality code')),
                ('name', models.CharField(help_text='For example: Hylte kommun', max_length=150, verbose_name='name')),
                ('short_name', models.CharField(help_text='For example: Hylte', max_length=100, verbose_name='short name')),
                ('county', models.CharField(choices=[('01', 'Stockholm County'), ('03', 'Uppsala County'), ('04', 'Södermanland County'), ('05', 'Östergötland County'), ('06', 'Jönköping County'), ('07', 'Kronoberg County'), ('08', 'Kalmar County'), ('09', 'Gotland County'), ('10', 'Blekinge County'), ('12', 'Skåne County'), ('13', 'Halland County'), ('14', 'Västra Götaland County'), ('17', 'Värmland County'), ('18', 'Örebro County'), ('19', 'Västmanland County'), ('20', 'Dalarna County'), ('21', 'Gävleborg County'), ('22', 'Västernorrland County'), ('23', 'Jämtland County'), ('24', 'Västerbotten County'), ('25', 'Norrbotten County')], max_length=2, verbose_name='county')),
                ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='population')),
                ('area_km2', models.DecimalField(blank=True, decimal_places=1, max_digits=8, null=True, verbose_name='land area (km²)')),
                ('municipality_group', models.CharField(blank=True, choices=[('A1', 'Large city'), ('A2', 'Commuter municipality near a large city'), ('B3', 'Medium-sized town'), ('B4', 'Commuter municipality near a medium-sized town'), ('B5', 'Low-commuting municipality near a medium-sized town'), ('C6', 'Smaller town or urban area'), ('C7', 'Commuter municipality near a smaller town'), ('C8', 'Rural municipality'), ('C9', 'Rural municipality with a visitor industry')], max_length=2, verbose_name='type of municipality')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
            ],
            options={
                'verbose_name': 'municipality profile',
                'verbose_name_plural': 'municipality profiles',
                'ordering': ['short_name'],
            },
        )]),
        migrations.RunPython(move_content_type, keep_content_type),
    ]
