// Non-variadic entry points for the libvips operations tabi-press uses; libvips's
// operation API is variadic (NULL-terminated option lists), which Swift cannot call.
// Every function returns 0 on success and -1 on failure with the reason in the libvips
// error buffer, like libvips itself; pointers that may be absent are NULL.
#ifndef TABI_CVIPSSHIM_H
#define TABI_CVIPSSHIM_H
#include <vips/vips.h>

/// Starts libvips once per process; returns 0 on success.
int tabi_vips_init(const char *program);

/// Caps glibc's malloc arenas (mallopt M_ARENA_MAX); returns 1 when set, 0 where the C library
/// is not glibc or refused.
int tabi_limit_malloc_arenas(int arenas);

/// Drops libvips's g_warning chatter ("VIPS" log domain); errors still reach the error buffer.
void tabi_vips_silence_warnings(void);

// MARK: - Which loaders may run

/// Blocks every operation libvips marks untrusted and every loader (the whole `VipsForeignLoad`
/// class), then unblocks the `count` loader families named in `allowed` by their base nicknames
/// ("jpegload_base"); their file, buffer and source loaders follow. A blocked operation fails
/// when it is built ("operation is blocked"). Returns how many of the names exist in this libvips.
int tabi_vips_allow_only_loaders(const char *const *allowed, int count);

/// Whether the operation with this nickname ("svgload_source") is blocked: 1 yes, 0 no, -1 when
/// this libvips has no such operation.
int tabi_vips_operation_is_blocked(const char *nickname);

/// The nickname of the loader libvips picks for `source` by sniffing its first bytes
/// ("pngload_source"), whether or not that loader is blocked; NULL, with the reason in the error
/// buffer, when no loader recognises the bytes. Only the loaders' `is_a` tests run. The source is
/// rewound. The string belongs to libvips.
const char *tabi_vips_find_loader(VipsSource *source);

// MARK: - Loading

/// A blob over `length` bytes at `data` that `owner` keeps alive: no copy is made, and when
/// libvips drops its last reference `release(owner)` is called instead of freeing `data`.
VipsBlob *tabi_vips_blob_borrowing(const void *data, size_t length, void *owner, void (*release)(void *owner));

/// Drops one reference to a blob (`vips_area_unref`, which Swift cannot reach through the
/// VIPS_AREA cast).
void tabi_vips_blob_unref(VipsBlob *blob);

/// Opens an image from a source reading only its header (pixels are decoded on demand).
/// `fail_on` is a VipsFailOn; access is sequential. `options` is a loader option string such as
/// "n=1" ("" for none).
VipsImage *tabi_vips_image_new_from_source(VipsSource *source, int fail_on, const char *options);

/// `vips_thumbnail_source`: decode with shrink-on-load to fit (or, with `crop` ≥ 0, fill) the
/// box. `crop` is a VipsInteresting or -1 for none; `size` a VipsSize; profiles may be NULL.
/// `options` is added to the loader's option string (e.g. "n=1"; "" for none).
int tabi_vips_thumbnail_source(VipsSource *source, VipsImage **out, int width, int height,
                               int size, int crop, int no_rotate, const char *import_profile,
                               const char *export_profile, int fail_on, const char *options);

/// `vips_thumbnail_image`: the same resize from an already decoded image.
int tabi_vips_thumbnail_image(VipsImage *in, VipsImage **out, int width, int height,
                              int size, int crop, int no_rotate, const char *import_profile,
                              const char *export_profile);

/// A copy of `in` sharing its pixels but with every metadata field (EXIF, XMP, IPTC, ICC,
/// orientation, …) removed. Savers' `strip` is not enough: webpsave in 8.14 ignores it.
int tabi_vips_copy_without_metadata(VipsImage *in, VipsImage **out);

/// `vips_flatten` onto an RGB background.
int tabi_vips_flatten(VipsImage *in, VipsImage **out, double red, double green, double blue);

/// `vips_colourspace` to a VipsInterpretation.
int tabi_vips_colourspace(VipsImage *in, VipsImage **out, int space);

/// `vips_jpegsave_buffer`; the caller frees `*buffer` with g_free.
int tabi_vips_jpegsave_buffer(VipsImage *in, void **buffer, size_t *length, int quality,
                              int optimize_coding, int interlace, int strip);

/// `vips_webpsave_buffer`; the caller frees `*buffer` with g_free.
int tabi_vips_webpsave_buffer(VipsImage *in, void **buffer, size_t *length, int quality,
                              int effort, int smart_subsample, int strip);

/// `vips_heifsave_buffer` with AV1 compression (AVIF); the caller frees `*buffer` with g_free.
int tabi_vips_avifsave_buffer(VipsImage *in, void **buffer, size_t *length, int quality,
                              int effort, int strip);

/// `vips_getpoint`: the band values of one pixel; the caller frees `*values` with g_free.
int tabi_vips_getpoint(VipsImage *in, double **values, int *count, int x, int y);

#endif
