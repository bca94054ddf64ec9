"""The pure-Python core: article model, readers, captions, quotes, entities. No Qt here."""
