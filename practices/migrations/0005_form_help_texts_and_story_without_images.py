"""Help texts with examples on the practice form, and a story without images.

A practice keeps its photos in one place, its gallery: the images of "what was
done" move to the end of the gallery, on the page and on its latest revision
(the draft an editor opens), before the story's image block goes away.
"""

import json

import django.core.validators
import django.db
import django.db.models.deletion
import modelcluster.contrib.taggit
import modelcluster.fields
import wagtail.fields
from django.db import migrations, models


def _image_blocks_to_gallery(stream, gallery, page_id):
    """The stream without its image blocks; each image is appended to `gallery` as a row's values."""
    kept = []
    for block in stream or []:
        if block.get("type") != "image":
            kept.append(block)
            continue
        value = block.get("value") or {}
        image = value.get("image")
        image_id, alt_text = (image.get("image"), image.get("alt_text") or "") if isinstance(image, dict) else (image, "")
        if not image_id:
            continue
        caption = (value.get("caption") or "")[:300]
        gallery.append(
            {
                "page": page_id,
                "image": image_id,
                "alt_text": (alt_text or caption)[:250],
                "caption": caption,
                "sort_order": len(gallery),
            }
        )
    return kept


def _stored_stories(PracticePage, connection):
    """(page id, the story's blocks as stored), read past the model: its blocks drop unknown types."""
    meta = PracticePage._meta
    table, column = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(
        meta.get_field("what_was_done").column
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(meta.pk.column)}, {column} FROM {table}")
        rows = cursor.fetchall()
    for page_id, stored in rows:
        yield page_id, json.loads(stored) if isinstance(stored, str) else (stored or [])


def move_story_images_to_gallery(apps, schema_editor):
    PracticePage = apps.get_model("practices", "PracticePage")
    GalleryImage = apps.get_model("practices", "PracticeGalleryImage")
    Revision = apps.get_model("wagtailcore", "Revision")
    Image = apps.get_model("wagtailimages", "Image")
    existing_images = set(Image.objects.values_list("pk", flat=True))
    connection = schema_editor.connection if schema_editor else django.db.connection
    for page_id, stream in list(_stored_stories(PracticePage, connection)):
        if any(isinstance(block, dict) and block.get("type") == "image" for block in stream):
            gallery = [
                {"image": row.image_id}
                for row in GalleryImage.objects.filter(page_id=page_id).order_by("sort_order")
            ]
            before = len(gallery)
            kept = _image_blocks_to_gallery(stream, gallery, page_id)
            PracticePage.objects.filter(pk=page_id).update(what_was_done=kept)
            for row in gallery[before:]:
                if row["image"] in existing_images:
                    GalleryImage.objects.create(
                        page_id=page_id, image_id=row["image"], alt_text=row["alt_text"],
                        caption=row["caption"], sort_order=row["sort_order"],
                    )
        latest = PracticePage.objects.filter(pk=page_id).values_list("latest_revision_id", flat=True).first()
        if latest:
            _move_in_revision(Revision.objects.get(pk=latest), page_id, existing_images)


def _move_in_revision(revision, page_id, existing_images):
    content = revision.content or {}
    stream = content.get("what_was_done")
    if isinstance(stream, str):
        stream = json.loads(stream or "[]")
    if not any(isinstance(block, dict) and block.get("type") == "image" for block in stream or []):
        return
    gallery = list(content.get("gallery_images") or [])
    added = []
    kept = _image_blocks_to_gallery(stream, added, page_id)
    for row in added:
        if row["image"] in existing_images:
            gallery.append({**row, "pk": None, "sort_order": len(gallery)})
    content["what_was_done"] = json.dumps(kept)
    content["gallery_images"] = gallery
    revision.content = content
    revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ('practices', '0004_adapted_from'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
    ]

    operations = [
        migrations.RunPython(move_story_images_to_gallery, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='practicegalleryimage',
            name='alt_text',
            field=models.CharField(help_text='What the photo shows, for readers who cannot see it, e.g. «Children draw at a table».', max_length=250, verbose_name='alternative text'),
        ),
        migrations.AlterField(
            model_name='practicegalleryimage',
            name='caption',
            field=models.CharField(blank=True, help_text='E.g. «Children in the new kindergarten, September 2019».', max_length=300, verbose_name='caption'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='adapted_from',
            field=models.ForeignKey(blank=True, help_text="The practice of another municipality that this one replicated, e.g. Katran's kindergarten.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='adaptations', to='practices.practicepage', verbose_name='adapted from'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='contact_email',
            field=models.EmailField(blank=True, help_text='E.g. name@example.kg.', max_length=254, verbose_name='email'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='contact_name',
            field=models.CharField(blank=True, help_text='Whom other municipalities may ask about the practice, e.g. Гүлнара Асанова.', max_length=200, verbose_name='contact person'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='contact_phone',
            field=models.CharField(blank=True, help_text='In digits, e.g. +996 555 123 456.', max_length=50, verbose_name='phone'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='contact_role',
            field=models.CharField(blank=True, help_text='E.g. executive secretary of the ayil okmotu.', max_length=200, verbose_name='position'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='cost_amount',
            field=models.DecimalField(blank=True, decimal_places=2, help_text='In digits, e.g. 150000. Leave empty if you are not sure.', max_digits=14, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='cost'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='cost_currency',
            field=models.CharField(choices=[('KGS', 'som (KGS)'), ('USD', 'US dollars'), ('EUR', 'euro')], default='KGS', help_text='The currency of the cost, e.g. som.', max_length=3, verbose_name='currency'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='cost_note',
            field=models.CharField(blank=True, help_text="E.g. «of which 100,000 som from the local budget, the rest a donor's grant».", max_length=300, verbose_name='about the cost'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='end_year',
            field=models.PositiveSmallIntegerField(blank=True, help_text='The year the work ended, e.g. 2021. Leave empty while the practice is still running.', null=True, validators=[django.core.validators.MinValueValidator(1991), django.core.validators.MaxValueValidator(2100)], verbose_name='end year'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='external_id',
            field=models.CharField(blank=True, db_index=True, help_text='Identifier used by imports, e.g. katran-kindergarten; the same for every translation of a case.', max_length=100, verbose_name='external id'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='funding',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text="E.g. the local budget, a donor's grant, contributions of residents.", related_name='practices', to='practices.fundingmechanism', verbose_name='funding sources'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='groups',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Who benefited, e.g. children with disabilities. Leave empty if it served everyone.', related_name='practices', to='practices.beneficiarygroup', verbose_name='groups served'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='lessons_learned',
            field=wagtail.fields.RichTextField(blank=True, help_text='What you would do differently, e.g. «Agree on the premises with the kenesh first.»', verbose_name='lessons learned'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='problem',
            field=wagtail.fields.RichTextField(blank=True, help_text='What was wrong or missing before, and for whom, e.g. «Over 1,000 children of pre-school age live in the ayil aimak, and there was no kindergarten.»', verbose_name='the problem'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='recommendation_reason',
            field=models.CharField(blank=True, help_text='One line readers see beside the label, e.g. «Cheap to repeat: it uses an empty building.»', max_length=200, verbose_name='why it is recommended'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='replication_steps',
            field=wagtail.fields.StreamField([('steps', 0)], blank=True, block_lookup={0: ('portal.blocks.StepsBlock', (), {})}, help_text='Press + and add «Numbered steps», then one step for each thing another municipality must do, in order, e.g. «The local kenesh approves the social order.»', verbose_name='steps to replicate'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='resources_needed',
            field=wagtail.fields.RichTextField(blank=True, help_text='People, premises, money and equipment it takes, e.g. «a room for 30 children, two teachers».', verbose_name='resources needed'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='results',
            field=wagtail.fields.RichTextField(blank=True, help_text='What changed, with numbers if you have them, e.g. «60 children attend the kindergarten; 200 children a year start school prepared.»', verbose_name='results'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='service_types',
            field=modelcluster.fields.ParentalManyToManyField(help_text='The services the practice concerns, one or more, e.g. pre-school education.', related_name='practices', to='practices.servicetype', verbose_name='service types'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='start_year',
            field=models.PositiveSmallIntegerField(blank=True, help_text='The year the work began, e.g. 2019.', null=True, validators=[django.core.validators.MinValueValidator(1991), django.core.validators.MaxValueValidator(2100)], verbose_name='start year'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='status',
            field=models.CharField(choices=[('planned', 'planned'), ('running', 'running'), ('completed', 'completed'), ('scaled_up', 'scaled up')], default='running', help_text='E.g. «running» while the kindergarten works, «scaled up» once other ayil aimaks copied it.', max_length=12, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='summary',
            field=models.TextField(help_text='One or two sentences shown in lists, e.g. «The ayil okmotu opened a kindergarten for 60 children through a municipal social order.»', max_length=400, verbose_name='summary'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='tags',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='Words readers may search for, separated by commas, e.g. social order, NGO.', through='practices.PracticeTag', to='taggit.Tag', verbose_name='tags'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='what_was_done',
            field=wagtail.fields.StreamField([('text', 0), ('quote', 3), ('document', 6), ('steps', 7)], blank=True, block_lookup={0: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul', 'h3', 'h4'], 'label': 'Text'}), 1: ('wagtail.blocks.TextBlock', (), {'label': 'quote'}), 2: ('wagtail.blocks.CharBlock', (), {'label': 'who said it', 'max_length': 200, 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('text', 1), ('author', 2)]], {}), 4: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'document'}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'link text', 'max_length': 200, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('document', 4), ('title', 5)]], {}), 7: ('portal.blocks.StepsBlock', (), {})}, help_text='Press + and add a text for each stage of the work: who did what, and when, e.g. «The local kenesh approved a social order; the public foundation won it and hired two teachers.» Quotes, documents and numbered steps are added the same way; photos go on the «Photos and files» tab.', verbose_name='what was done'),
        ),
        migrations.AlterField(
            model_name='practicepage',
            name='recommended_on',
            field=models.DateField(blank=True, help_text='Set by a moderator, e.g. on the day SALSGIER recommended it; leave empty if the practice is not recommended.', null=True, verbose_name='recommended for replication on'),
        ),
    ]
