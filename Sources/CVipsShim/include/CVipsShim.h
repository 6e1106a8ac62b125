// Non-variadic entry points for the libvips operations tabi-press uses; libvips's
// operation API is variadic (NULL-terminated option lists), which Swift cannot call.
#ifndef TABI_CVIPSSHIM_H
#define TABI_CVIPSSHIM_H
#include <vips/vips.h>

/// Starts libvips once per process; returns 0 on success.
int tabi_vips_init(const char *program);

#endif
