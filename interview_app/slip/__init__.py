"""The referral slip for BP3MI (and the interview summary): content, template, layout, QR check."""
