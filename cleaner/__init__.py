"""cleaner: turn raw web captures (HTML or plain-text dumps) into clean article bodies."""

from .article import Article, Removal
from .errors import CleanerError, InputError, OptionsError, RuleError
from .options import Options
from .pipeline import clean
from .rule_files import RuleBook, SiteRules, load_rule_file

__all__ = ["Article", "CleanerError", "InputError", "Options", "OptionsError", "Removal", "RuleBook",
           "RuleError", "SiteRules", "clean", "load_rule_file"]
__version__ = "0.1.0"
