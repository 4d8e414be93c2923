"""The interview script language: loading, checking, expressions, the model."""
