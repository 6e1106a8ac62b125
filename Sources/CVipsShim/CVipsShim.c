#include <string.h>
#include <vips/vips.h>
#include "CVipsShim.h"

int tabi_vips_init(const char *program) { return VIPS_INIT(program); }

// MARK: - Memory

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int tabi_limit_malloc_arenas(int arenas) {
#if defined(__GLIBC__)
    return mallopt(M_ARENA_MAX, arenas);
#else
    (void)arenas;
    return 0;
#endif
}

// MARK: - Warnings

static void tabi_vips_drop_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
                               gpointer user_data) {
    (void)domain; (void)level; (void)message; (void)user_data;
}

void tabi_vips_silence_warnings(void) {
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO
                      | G_LOG_LEVEL_DEBUG, tabi_vips_drop_log, NULL);
}

// MARK: - Which loaders may run

// The class below `base` with this nickname, abstract ones included (vips_type_find skips
// those, and the loader families are abstract base classes such as "jpegload_base").
static GType tabi_vips_find_type(GType base, const char *nickname) {
    guint count = 0;
    GType *children = g_type_children(base, &count);
    GType found = 0;
    for (guint i = 0; i < count && !found; i++) {
        VipsObjectClass *class = VIPS_OBJECT_CLASS(g_type_class_ref(children[i]));
        if (class->nickname && strcmp(class->nickname, nickname) == 0) found = children[i];
        g_type_class_unref(class);
        if (!found) found = tabi_vips_find_type(children[i], nickname);
    }
    g_free(children);
    return found;
}

int tabi_vips_allow_only_loaders(const char *const *allowed, int count) {
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    GType loaders = g_type_from_name("VipsForeignLoad");
    int found = 0;
    for (int i = 0; i < count; i++) {
        GType type = tabi_vips_find_type(loaders, allowed[i]);
        if (!type) continue;
        vips_operation_block_set(g_type_name(type), FALSE);
        found++;
    }
    return found;
}

int tabi_vips_operation_is_blocked(const char *nickname) {
    GType type = tabi_vips_find_type(g_type_from_name("VipsOperation"), nickname);
    if (!type) return -1;
    VipsOperationClass *class = VIPS_OPERATION_CLASS(g_type_class_ref(type));
    int blocked = (class->flags & VIPS_OPERATION_BLOCKED) != 0;
    g_type_class_unref(class);
    return blocked;
}

const char *tabi_vips_find_loader(VipsSource *source) {
    const char *name = vips_foreign_find_load_source(source);
    (void) vips_source_rewind(source);
    if (!name) return NULL;
    return vips_nickname_find(g_type_from_name(name));
}

// MARK: - Loading

typedef struct {
    void *owner;
    void (*release)(void *owner);
} TabiBlobOwner;

// A VipsArea's free function gets the data and the area; the owner rides in the area's client
// field, which libvips leaves to its users.
static int tabi_vips_blob_release(void *data, void *area) {
    (void)data;
    TabiBlobOwner *owner = VIPS_AREA(area)->client;
    owner->release(owner->owner);
    g_free(owner);
    return 0;
}

VipsBlob *tabi_vips_blob_borrowing(const void *data, size_t length, void *owner, void (*release)(void *owner)) {
    TabiBlobOwner *held = g_new(TabiBlobOwner, 1);
    held->owner = owner;
    held->release = release;
    VipsBlob *blob = vips_blob_new(tabi_vips_blob_release, data, length);
    VIPS_AREA(blob)->client = held;
    return blob;
}

void tabi_vips_blob_unref(VipsBlob *blob) {
    vips_area_unref(VIPS_AREA(blob));
}

VipsImage *tabi_vips_image_new_from_source(VipsSource *source, int fail_on, const char *options) {
    return vips_image_new_from_source(source, options ? options : "", "access", VIPS_ACCESS_SEQUENTIAL,
                                      "fail_on", (VipsFailOn)fail_on, NULL);
}

// MARK: - Resizing

// Builds a thumbnail operation property by property, so absent (NULL) profiles are simply not
// set; the variadic call cannot skip an option in the middle of its list.
static int tabi_vips_thumbnail_build(VipsOperation *op, VipsImage **out, int width, int height,
                                     int size, int crop, int no_rotate,
                                     const char *import_profile, const char *export_profile) {
    g_object_set(op, "width", width, "height", height, "size", (VipsSize)size,
                 "no_rotate", no_rotate ? TRUE : FALSE, NULL);
    if (crop >= 0) g_object_set(op, "crop", (VipsInteresting)crop, NULL);
    if (import_profile) g_object_set(op, "import_profile", import_profile, NULL);
    if (export_profile) g_object_set(op, "export_profile", export_profile, NULL);
    if (vips_cache_operation_buildp(&op)) {
        vips_object_unref_outputs(VIPS_OBJECT(op));
        g_object_unref(op);
        return -1;
    }
    g_object_get(op, "out", out, NULL);
    vips_object_unref_outputs(VIPS_OBJECT(op));
    g_object_unref(op);
    return 0;
}

int tabi_vips_thumbnail_source(VipsSource *source, VipsImage **out, int width, int height,
                               int size, int crop, int no_rotate, const char *import_profile,
                               const char *export_profile, int fail_on, const char *options) {
    VipsOperation *op = vips_operation_new("thumbnail_source");
    if (!op) return -1;
    // libvips 8.14 does not hand thumbnail_source's own fail_on to the loader it opens, only
    // the loader option string, so the level goes both ways (later versions read the property).
    char option_string[128];
    const char *nick = vips_enum_nick(VIPS_TYPE_FAIL_ON, fail_on);
    g_snprintf(option_string, sizeof(option_string), "fail_on=%s%s%s", nick ? nick : "none",
               options && *options ? "," : "", options ? options : "");
    g_object_set(op, "source", source, "fail_on", (VipsFailOn)fail_on, "option_string", option_string, NULL);
    return tabi_vips_thumbnail_build(op, out, width, height, size, crop, no_rotate,
                                     import_profile, export_profile);
}

int tabi_vips_thumbnail_image(VipsImage *in, VipsImage **out, int width, int height,
                              int size, int crop, int no_rotate, const char *import_profile,
                              const char *export_profile) {
    VipsOperation *op = vips_operation_new("thumbnail_image");
    if (!op) return -1;
    g_object_set(op, "in", in, NULL);
    return tabi_vips_thumbnail_build(op, out, width, height, size, crop, no_rotate,
                                     import_profile, export_profile);
}

// MARK: - Metadata

int tabi_vips_copy_without_metadata(VipsImage *in, VipsImage **out) {
    if (vips_copy(in, out, NULL)) return -1;
    // The copy has its own metadata table; removing from it leaves `in` untouched. Core header
    // fields (width, bands, …) are not in that table, so removing them is a harmless no-op.
    gchar **fields = vips_image_get_fields(*out);
    for (int i = 0; fields && fields[i]; i++) vips_image_remove(*out, fields[i]);
    g_strfreev(fields);
    return 0;
}

// MARK: - Colour

int tabi_vips_flatten(VipsImage *in, VipsImage **out, double red, double green, double blue) {
    double values[3] = { red, green, blue };
    VipsArrayDouble *background = vips_array_double_new(values, 3);
    int result = vips_flatten(in, out, "background", background, NULL);
    vips_area_unref(VIPS_AREA(background));
    return result;
}

int tabi_vips_colourspace(VipsImage *in, VipsImage **out, int space) {
    return vips_colourspace(in, out, (VipsInterpretation)space, NULL);
}

int tabi_vips_getpoint(VipsImage *in, double **values, int *count, int x, int y) {
    return vips_getpoint(in, values, count, x, y, NULL);
}

// MARK: - Saving

int tabi_vips_jpegsave_buffer(VipsImage *in, void **buffer, size_t *length, int quality,
                              int optimize_coding, int interlace, int strip) {
    return vips_jpegsave_buffer(in, buffer, length,
                                "Q", quality,
                                "optimize_coding", optimize_coding ? TRUE : FALSE,
                                "interlace", interlace ? TRUE : FALSE,
                                "strip", strip ? TRUE : FALSE,
                                NULL);
}

int tabi_vips_webpsave_buffer(VipsImage *in, void **buffer, size_t *length, int quality,
                              int effort, int smart_subsample, int strip) {
    return vips_webpsave_buffer(in, buffer, length,
                                "Q", quality,
                                "effort", effort,
                                "smart_subsample", smart_subsample ? TRUE : FALSE,
                                "strip", strip ? TRUE : FALSE,
                                NULL);
}

int tabi_vips_avifsave_buffer(VipsImage *in, void **buffer, size_t *length, int quality,
                              int effort, int strip) {
    return vips_heifsave_buffer(in, buffer, length,
                                "Q", quality,
                                "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1,
                                "effort", effort,
                                "strip", strip ? TRUE : FALSE,
                                NULL);
}
