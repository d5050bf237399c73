"""Built-in channel profiles: the limits each network puts on a post.

``BUILTIN_PROFILES`` maps the channel keys that ``settings.yaml`` may enable
with ``{}`` (facebook, instagram, linkedin, x, mastodon, bluesky, threads) to
their :class:`~gc_cli.store.profile.ChannelProfile`. ``settings.yaml`` may override
any limit of a built-in profile (``channels: {mastodon: {max_text: 1000}}``).

Every figure below carries its source. Conventions used throughout:

* The figures are those a post published through the network's own API must
  meet, because the calendar is handed to publishing tools (Hootsuite, Buffer,
  Sprout Social) that publish through those APIs. Where the API documentation
  is silent, the network's help pages or, failing those, the documentation of
  publishing tools is cited, and the comment says so.
* ``None`` means the network states no limit; the comment says so instead of
  inventing one.
* A size given as "N MB" without saying which megabyte is read as N × 10**6
  bytes, the stricter reading: a file accepted here is accepted there.
* Widths that the network rescales rather than rejects ("will be scaled down
  to the maximum if necessary") are not limits and are left at ``None``.
* Aspect ratios are width / height, so 4:5 is 0.8.

The table in ``docs/channel-limits.md`` lists the same figures with their links.
"""

from __future__ import annotations

from gc_cli.store.profile import ChannelProfile

__all__ = ["BUILTIN_PROFILES"]

BUILTIN_PROFILES: dict[str, ChannelProfile] = {
    "facebook": ChannelProfile(
        label="Facebook",
        # 63,206 characters: the figure Facebook's post composer enforces and
        # that publishing tools repeat (e.g. https://ferryman.io/character-limits/facebook
        # "The Facebook character limit is 63,206 characters per post"). Meta's
        # developer docs state no length for the `message` of a Page post
        # (https://developers.facebook.com/docs/graph-api/reference/page/feed).
        max_text=63_206,
        counting="characters",
        # Facebook does not shorten links: a URL counts as typed.
        url_length=None,
        # Meta's Page feed API takes the link beside the message ("link: The
        # URL of a link to attach to the post",
        # https://developers.facebook.com/docs/graph-api/reference/page/feed):
        # a link card, not part of the text.
        link="card",
        # No hashtag limit in Meta's Page feed documentation (link above).
        max_hashtags=None,
        # Meta documents no figure: multi-photo Page posts go through the
        # undocumented `attached_media` parameter. 10 is the figure of
        # publishing APIs built on it ("Facebook Pages and Groups: 10 images",
        # https://docs.ayrshare.com/additional-info/image-and-video-requirements);
        # others allow more, so this errs on the side of posts that publish.
        max_images=10,
        requires_image=False,
        # https://developers.facebook.com/docs/graph-api/reference/page/photos/
        # "File type: .jpeg, .bmp, .png, .gif, .tiff".
        image_formats=("JPEG", "BMP", "PNG", "GIF", "TIFF"),
        # Same page: "Files can not exceed 10MB. For .png files, we recommend
        # not exceeding 1MB or the image may appear pixelated."
        max_image_bytes=10_000_000,
        # The Page photos documentation sets no aspect ratio or pixel bounds:
        # "Facebook ... resizes images to different dimensions".
        min_aspect=None,
        max_aspect=None,
        min_width=None,
        min_height=None,
        max_width=None,
        max_height=None,
        # The Photo node's custom alt text field has no documented length.
        max_alt_text=None,
        # A reply goes out as a Messenger message: Send API reference
        # (https://developers.facebook.com/docs/messenger-platform/reference/send-api/),
        # message.text "Must be UTF-8 and has a 2000 character limit". A reply to
        # a comment may be longer (8,000 characters, a figure only publishing
        # tools give: Meta's comment reference states none); a saved reply must
        # fit the stricter of the two, the message.
        max_reply=2_000,
        max_reply_bytes=None,
        # The Page inbox sends an automatic away message outside the hours set in
        # Meta Business Suite (Inbox, Automations). Meta's help page on it was not
        # found: the feature is described here from vendors' guides (second-hand).
        away_message=True,
    ),
    "instagram": ChannelProfile(
        label="Instagram",
        # https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media/
        # caption: "Maximum 2200 characters, 30 hashtags, and 20 @ tags."
        max_text=2_200,
        counting="characters",
        # Links in captions are not clickable nor shortened: counted as typed.
        url_length=None,
        # No link field on Instagram: a link goes in the caption, as text.
        link="text",
        # 5, not the 30 of the API reference above. Instagram announced in
        # December 2025 that it "will gradually update the number of hashtags that
        # you can include in a caption for a reel or post to five", replacing
        # the 30 it allowed for years (quoted in
        # https://www.socialsamosa.com/news-2/instagram-hashtags-five-per-post-10923075).
        # Publishing APIs followed ("The post text may contain up to 5
        # hashtags", https://www.ayrshare.com/docs/apis/post/social-networks/instagram).
        # The newer, stricter figure wins over the older reference page.
        max_hashtags=5,
        # https://developers.facebook.com/docs/instagram-platform/content-publishing
        # "Carousels are limited to 10 images, videos, or a mix of the two."
        # (The app allows 20; the API, which publishing tools use, does not.)
        max_images=10,
        # Instagram has no text-only posts: a feed post is a photo or a video.
        requires_image=True,
        # Content publishing page: "JPEG is the only image format supported.
        # Extended JPEG formats such as MPO and JPS are not supported."
        image_formats=("JPEG",),
        # IG User Media reference, image specifications: "File size: 8 MB maximum."
        max_image_bytes=8_000_000,
        # Same: "Aspect ratio: Must be within a 4:5 to 1.91:1 range".
        min_aspect=0.8,
        max_aspect=1.91,
        # Same: "Minimum width: 320 (will be scaled up to the minimum if
        # necessary)", "Maximum width: 1440 (will be scaled down to the maximum
        # if necessary)", "Height: Varies". Rescaled, not rejected: no limit.
        min_width=None,
        min_height=None,
        max_width=None,
        max_height=None,
        # The media endpoint's alt_text parameter has no documented length.
        max_alt_text=None,
        # A reply goes out as a direct message: "Message text must be UTF-8 and be
        # a 1000 bytes or less. Links must be valid formatted URLs."
        # (https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/).
        # Bytes, not characters: é counts 2, an emoji 4.
        max_reply_bytes=1_000,
        # A reply to a comment: 2,200 characters, a figure only publishing tools
        # give (green-api, GoHighLevel); the comments reference
        # (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments)
        # states no length. 1,000 bytes are never more than 1,000 characters, so
        # the message limit is the one that decides.
        max_reply=2_200,
        # Business Suite's automations answer Instagram messages too (second-hand,
        # as for Facebook).
        away_message=True,
    ),
    "linkedin": ChannelProfile(
        label="LinkedIn",
        # 3,000 characters per post. LinkedIn's Posts API documents no length
        # for `commentary` (only a FIELD_LENGTH_TOO_LONG error); 3,000 is the
        # composer's limit that publishing APIs enforce ("The post field
        # accepts up to 3,000 characters",
        # https://www.ayrshare.com/docs/apis/post/social-networks/linkedin).
        max_text=3_000,
        counting="characters",
        # LinkedIn does not count links at a fixed length: as typed.
        url_length=None,
        # LinkedIn's Posts API takes an article beside the commentary
        # ("content": {"article": {"source": ...}},
        # https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api):
        # a link card, not part of the text.
        link="card",
        # No hashtag limit documented by LinkedIn.
        max_hashtags=None,
        # https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/multiimage-post-api
        # "A MultiImage post is a post containing multiple images (minimum of 2
        # images and maximum of 20 images)."
        max_images=20,
        requires_image=False,
        # https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api
        # "Images with less than 36,152,320 pixels. JPG, GIF, and PNG formats."
        image_formats=("JPEG", "PNG", "GIF"),
        # The Images API states no file size. 5 MB is the limit publishing
        # APIs give for LinkedIn images ("Max image size: 5 MB",
        # https://www.ayrshare.com/docs/media-guidelines/linkedin; "up to 5 MB
        # file size", https://help.blotato.com/platforms/linkedin/supported-posts-and-media).
        max_image_bytes=5_000_000,
        # No aspect ratio for organic images in the Images API. Its only bound
        # is the pixel count (< 36,152,320 px), which width/height limits
        # cannot express without rejecting valid images: left open.
        min_aspect=None,
        max_aspect=None,
        min_width=None,
        min_height=None,
        max_width=None,
        max_height=None,
        # MultiImage API, `altText`: maximum 4,086 characters.
        max_alt_text=4_086,
        # A page answers its community in comments. 1,250 characters is a
        # second-hand figure (publishing tools: Publora, PostPlanify), and a
        # disputed one: GoHighLevel's API gives 3,000, and LinkedIn's Comments API
        # documentation was not found. The stricter figure is kept.
        max_reply=1_250,
        max_reply_bytes=None,
        # A LinkedIn page has no automatic away message.
        away_message=False,
    ),
    "x": ChannelProfile(
        label="X",
        # twitter-text config v3
        # (https://github.com/twitter/twitter-text/blob/master/config/v3.json):
        # "maxWeightedTweetLength": 280, weights per Unicode range, emoji
        # sequences weigh 2 ("emojiParsingEnabled": true); explained in
        # https://docs.x.com/fundamentals/counting-characters ("Posts on X can
        # contain up to 280 characters", "All emojis count as 2 characters",
        # NFC normalisation). Premium accounts may post more; 280 is the
        # figure for every account.
        max_text=280,
        counting="weighted",
        # config v3 "transformedURLLength": 23; counting-characters page:
        # "All URLs are wrapped with t.co shortener and count as 23 characters".
        url_length=23,
        # X's API has no link field: a link is in the text, and the card is
        # made from it (counted 23, as above).
        link="text",
        # X states no hashtag limit.
        max_hashtags=None,
        # https://docs.x.com/x-api/media/quickstart/best-practices
        # "You may attach up to 4 photos, 1 animated GIF or 1 video in a Post."
        max_images=4,
        requires_image=False,
        # Same page: "Supported image media types: JPG, PNG, GIF, WEBP".
        image_formats=("JPEG", "PNG", "GIF", "WEBP"),
        # Same page: "Image size: <= 5 MB", "Animated GIF size: <= 15 MB".
        # One byte limit per profile: the photo one, so a GIF between 5 and
        # 15 MB is reported although X would take it.
        max_image_bytes=5_000_000,
        # X's API documentation states no aspect ratio or pixel bounds for
        # photos (X crops the preview, not the image).
        min_aspect=None,
        max_aspect=None,
        min_width=None,
        min_height=None,
        max_width=None,
        max_height=None,
        # https://developer.x.com/en/docs/media/upload-media/api-reference/post-media-metadata-create
        # "alt_text": {"text": "dancing cat" // Must be <= 1000 chars}.
        max_alt_text=1_000,
        # A reply is a post: the same 280 weighted characters (config v3 above).
        # The @names X adds at the start of a reply do not count since 2017's
        # "simplified replies" (auto_populate_reply_metadata), so none are
        # written in a saved reply.
        max_reply=280,
        max_reply_bytes=None,
        # X has no automatic away message for an organisation's account.
        away_message=False,
    ),
    "mastodon": ChannelProfile(
        # Mastodon figures are the defaults of a stock server; each server may
        # change them and reports its own in GET /api/v2/instance
        # (https://docs.joinmastodon.org/entities/Instance/, `configuration`).
        # Override them in settings.yaml for your server.
        label="Mastodon",
        # https://docs.joinmastodon.org/entities/Instance/ example:
        # "max_characters": 500. Source: app/validators/status_length_validator.rb
        # in https://github.com/mastodon/mastodon, MAX_CHARS = 500, counted with
        # `str.each_grapheme_cluster.size` (hence graphemes, not code points)
        # over the content warning plus the text.
        max_text=500,
        counting="graphemes",
        # Same validator: URL_PLACEHOLDER_CHARS = 23, applied to URLs with a
        # scheme (extract_url_without_protocol: false); Instance entity:
        # "characters_reserved_per_url": 23, "Each URL in a status will be
        # assumed to be exactly this many characters."
        url_length=23,
        # https://docs.joinmastodon.org/methods/statuses/ takes only a status
        # text: a link is in it (and the server makes the preview card).
        link="text",
        # https://docs.joinmastodon.org/user/posting/ "Only the username part
        # will count against your character limit -- the domain is not
        # counted"; status_length_validator.rb rewrites each mention to
        # "@#{screen_name.split('@').first}" before counting.
        count_mention_domain=False,
        # Mastodon has no hashtag limit per status.
        max_hashtags=None,
        # Instance entity example: "max_media_attachments": 4.
        max_images=4,
        requires_image=False,
        # app/models/media_attachment.rb image MIME types, as reported by
        # mastodon.social's instance API: image/jpeg, image/png, image/gif,
        # image/heic, image/heif, image/webp, image/avif.
        image_formats=("JPEG", "PNG", "GIF", "WEBP", "HEIF", "AVIF"),
        # media_attachment.rb IMAGE_LIMIT = 16.megabytes (Rails: 16 × 2**20),
        # reported as "image_size_limit": 16777216; raised from 10 MB in
        # https://github.com/mastodon/mastodon/pull/23726.
        max_image_bytes=16_777_216,
        # No aspect ratio. The only bound is "image_matrix_limit": 33177600
        # pixels (7680 × 4320), which width/height limits cannot express.
        min_aspect=None,
        max_aspect=None,
        min_width=None,
        min_height=None,
        max_width=None,
        max_height=None,
        # media_attachment.rb MAX_DESCRIPTION_LENGTH = 1_500 (reported as
        # `description_limit`). https://github.com/mastodon/mastodon/pull/39306
        # (merged 2026-06) raises authoring to 10,000 in newer releases; 1,500
        # is what servers on 4.5 and earlier still enforce.
        max_alt_text=1_500,
        # A reply is a status, checked by the same status_length_validator.rb
        # (500 graphemes, links as 23). The validator counts a mention by its
        # local part only (@boulangerie@mastodon.example as @boulangerie), which
        # is not modelled: a saved reply is counted as written.
        max_reply=500,
        max_reply_bytes=None,
        # Mastodon has no automatic away message.
        away_message=False,
    ),
    "bluesky": ChannelProfile(
        label="Bluesky",
        # Lexicon app.bsky.feed.post
        # (https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json):
        # "text": {"type": "string", "maxLength": 3000, "maxGraphemes": 300}.
        # The 3,000-byte cap cannot be reached within 300 graphemes of
        # ordinary text; max_text_bytes below checks it too.
        max_text=300,
        counting="graphemes",
        # The record text holds the URL as written: no fixed link length.
        url_length=None,
        # Publishing tools post a link inside the text (the record's facets
        # point at it); a card (app.bsky.embed.external) is their choice, not
        # something a bulk file can ask for. Counted as typed, in the text.
        link="text",
        # Same lexicon: "maxLength": 3000, bytes of UTF-8, which 300 graphemes
        # of long emoji sequences can pass (👨‍👩‍👧‍👧 is 25 bytes).
        max_text_bytes=3_000,
        # No limit on inline hashtags (each tag facet is at most 64 graphemes).
        max_hashtags=None,
        # Lexicon app.bsky.embed.images
        # (https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/images.json):
        # "images": {"type": "array", "maxLength": 4}. The gallery embed added
        # in 2026 (embed/gallery.json, "maxLength": 10) is not yet what
        # publishing tools post; override max_images if yours does.
        max_images=4,
        requires_image=False,
        # Same lexicon: "accept": ["image/*"]. Bluesky names no format, so
        # every format this tool recognises is accepted.
        image_formats=("JPEG", "PNG", "GIF", "WEBP", "HEIF", "AVIF", "BMP", "TIFF"),
        # Same lexicon: "maxSize": 2000000, "The raw image file. May be up to
        # 2 MB, formerly limited to 1 MB." (older guides still say 1,000,000).
        max_image_bytes=2_000_000,
        # The lexicon has no pixel or ratio bounds any more (`aspectRatio` is
        # a display hint); older versions had "maxWidth": 2000.
        min_aspect=None,
        max_aspect=None,
        min_width=None,
        min_height=None,
        max_width=None,
        max_height=None,
        # The lexicon's "alt" string has no length; the official app caps it:
        # MAX_ALT_TEXT = 2000 in src/lib/constants.ts of
        # https://github.com/bluesky-social/social-app.
        max_alt_text=2_000,
        # A reply is a post with reply references: the same lexicon,
        # "maxGraphemes": 300 and "maxLength": 3000 (bytes of UTF-8 in atproto's
        # lexicons), both checked for a reply.
        max_reply=300,
        max_reply_bytes=3_000,
        # Bluesky has no automatic away message.
        away_message=False,
    ),
    "threads": ChannelProfile(
        label="Threads",
        # https://developers.facebook.com/docs/threads/posts "Text posts are
        # limited to 500 characters." The same page adds "emojis are counted
        # as the number of UTF-8 bytes", which no counting mode here models:
        # a text heavy in emoji may pass this check and still be refused.
        max_text=500,
        counting="characters",
        # Threads states no fixed link length: counted as typed.
        url_length=None,
        # A text post's link may also go in `link_attachment` (same page), which
        # bulk files cannot ask for: the link goes in the text, counted.
        link="text",
        # Same page, topic tags: "Only one topic tag is allowed per post, so
        # the first valid tag included in a post ... is treated as the tag for
        # that post." Further # words are published as plain text.
        max_hashtags=1,
        # Same page: "Carousels are limited to 20 images, videos, or a mix of
        # the two."
        max_images=20,
        requires_image=False,
        # Same page, image specifications: "JPEG and PNG image types are the
        # officially supported formats for image posts."
        image_formats=("JPEG", "PNG"),
        # Same: "File Size: 8 MB maximum."
        max_image_bytes=8_000_000,
        # Same: "Aspect Ratio Limit: 10:1", read both ways (1:10 to 10:1).
        min_aspect=0.1,
        max_aspect=10.0,
        # Same: "Minimum Width: 320 (will be scaled up ...)", "Maximum Width:
        # 1440 (will be scaled down ...)". Rescaled, not rejected: no limit.
        min_width=None,
        min_height=None,
        max_width=None,
        max_height=None,
        # https://developers.facebook.com/docs/threads/reference/publishing
        # "The maximum length of `alt_text` is 1,000 characters."
        max_alt_text=1_000,
        # A reply is a post with reply_to_id (https://developers.facebook.com/docs/threads/posts):
        # "Text posts are limited to 500 characters."
        max_reply=500,
        max_reply_bytes=None,
        # Threads has no automatic away message.
        away_message=False,
    ),
}
