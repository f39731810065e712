/*
 * Work-around for kamailio/kamailio#4154 (Kamailio 5.6 xmpp module, SIGSEGV on the first start tag of the XMPP
 * stream) without rebuilding Kamailio: _xode_put_expatattribs() in src/modules/xmpp/xstream.c loops
 * while(*(atts[i]) != '\0'), but expat ends atts[] with a NULL pointer. Preloaded into Kamailio, this wraps
 * XML_SetElementHandler for start handlers that live in xmpp.so and hands them the attributes ending in "" then NULL.
 * Build: gcc -shared -fPIC -O2 -o xmpp-expat-atts.so xmpp-expat-atts.c -Wl,--no-as-needed -ldl -lexpat
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <expat.h>
#include <stdlib.h>
#include <string.h>

static XML_StartElementHandler module_start;

static void fixed_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	size_t n = 0;
	while (atts != NULL && atts[n] != NULL)
		n++;
	const XML_Char **copy = malloc((n + 2) * sizeof(*copy));
	if (copy == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		copy[i] = atts[i];
	copy[n] = "";
	copy[n + 1] = NULL;
	module_start(data, name, copy);
	free(copy);
}

static int in_xmpp_module(void *fn)
{
	Dl_info info;
	return fn != NULL && dladdr(fn, &info) && info.dli_fname != NULL && strstr(info.dli_fname, "xmpp.so") != NULL;
}

void XML_SetElementHandler(XML_Parser parser, XML_StartElementHandler start, XML_EndElementHandler end)
{
	static void (*real)(XML_Parser, XML_StartElementHandler, XML_EndElementHandler);
	if (real == NULL)
		real = (void (*)(XML_Parser, XML_StartElementHandler, XML_EndElementHandler)) dlsym(RTLD_NEXT, "XML_SetElementHandler");
	if (in_xmpp_module((void *) start)) {
		module_start = start;
		start = fixed_start;
	}
	real(parser, start, end);
}
