/** The annotations that describe a Rekord model. See {@link dev.rekord.annotations.RedisModel}. */
package dev.rekord.annotations;
