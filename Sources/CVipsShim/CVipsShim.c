#include "CVipsShim.h"

int tabi_vips_init(const char *program) { return VIPS_INIT(program); }
