from modeltranslation.translator import TranslationOptions, register

from .models import Article


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "lead", "body")
