import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """`Pengiriman` (dispatch of a signed document) becomes `DistribusiDokumen`, so that it is not
    confused with a unit's data submission (`workflow.PengirimanData`). Rows are kept."""

    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="Pengiriman", new_name="DistribusiDokumen"),
        migrations.AlterField(
            model_name="distribusidokumen",
            name="dokumen",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="distribusi",
                to="reports.dokumentertanda",
            ),
        ),
    ]
