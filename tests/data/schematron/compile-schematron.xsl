<?xml version="1.0" encoding="UTF-8"?>
<!--
  Missive's own minimal ISO Schematron compiler (XSLT 2.0, run with Saxon-HE).

  Turns an ISO Schematron schema into an XSLT 2.0 stylesheet that reports every failed assert and
  successful report as SVRL. It covers the subset used by the ANS "structuration minimale"
  schematron (ART-DECOR generated): schema/ns, include (resolved recursively), pattern, rule
  (concrete and abstract), extends, let, assert, report, value-of and name in messages.
  ISO semantics kept: within one pattern a node is checked by the first rule whose context matches
  it; abstract rules never fire on their own; `doc()` in tests resolves against the schema's folder.

  Written for Missive's tests (the reference ISO skeleton XSLTs are not shipped by Debian).
  Usage: java -jar Saxon-HE.jar -s:schema.sch -xsl:compile-schematron.xsl -o:schema-compiled.xsl
-->
<xsl:stylesheet version="2.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:axsl="http://www.w3.org/1999/XSL/TransformAlias"
    xmlns:sch="http://purl.oclc.org/dsdl/schematron"
    xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="sch xs">

  <xsl:namespace-alias stylesheet-prefix="axsl" result-prefix="xsl"/>
  <xsl:output method="xml" indent="yes"/>

  <!-- Step 1: the schema with every include replaced by the element it points to. -->
  <xsl:template match="@*|node()" mode="include">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()" mode="include"/>
    </xsl:copy>
  </xsl:template>
  <xsl:template match="sch:include" mode="include">
    <xsl:variable name="target" select="resolve-uri(@href, base-uri(.))"/>
    <xsl:apply-templates select="doc($target)/*" mode="include"/>
  </xsl:template>

  <xsl:variable name="schema">
    <xsl:apply-templates select="/" mode="include"/>
  </xsl:variable>
  <xsl:variable name="abstractRules" select="$schema//sch:rule[@abstract = 'true']"/>

  <xsl:template match="/">
    <axsl:stylesheet version="2.0">
      <xsl:attribute name="xml:base" select="base-uri(/*)"/>
      <xsl:for-each select="$schema/sch:schema/sch:ns">
        <xsl:namespace name="{@prefix}" select="@uri"/>
      </xsl:for-each>
      <axsl:output method="xml" indent="yes"/>
      <axsl:template match="/">
        <svrl:schematron-output title="{normalize-space($schema/sch:schema/sch:title)}">
          <xsl:for-each select="$schema//sch:pattern">
            <svrl:active-pattern id="{(@id, concat('pattern', position()))[1]}"/>
            <axsl:apply-templates select="/" mode="P{position()}"/>
          </xsl:for-each>
        </svrl:schematron-output>
      </axsl:template>
      <xsl:for-each select="$schema//sch:pattern">
        <xsl:variable name="mode" select="concat('P', position())"/>
        <xsl:variable name="rules" select=".//sch:rule[not(@abstract = 'true')]"/>
        <xsl:for-each select="$rules">
          <!-- Earlier rules win: decreasing priorities. -->
          <axsl:template match="{@context}" priority="{1000 + count($rules) - position()}" mode="{$mode}">
            <xsl:apply-templates select="*" mode="body"/>
            <axsl:apply-templates select="@*|node()" mode="{$mode}"/>
          </axsl:template>
        </xsl:for-each>
        <axsl:template match="text()" priority="-1" mode="{$mode}"/>
        <axsl:template match="@*|node()" priority="-2" mode="{$mode}">
          <axsl:apply-templates select="@*|*" mode="{$mode}"/>
        </axsl:template>
      </xsl:for-each>
    </axsl:stylesheet>
  </xsl:template>

  <!-- Rule bodies. -->
  <xsl:template match="sch:let" mode="body">
    <axsl:variable name="{@name}" select="{@value}"/>
  </xsl:template>
  <xsl:template match="sch:extends" mode="body">
    <xsl:variable name="id" select="@rule"/>
    <xsl:variable name="target" select="$abstractRules[@id = $id]"/>
    <xsl:if test="empty($target)">
      <xsl:message terminate="yes">extends: no abstract rule <xsl:value-of select="$id"/></xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$target[1]/*" mode="body"/>
  </xsl:template>
  <xsl:template match="sch:assert" mode="body">
    <axsl:if test="not({@test})">
      <svrl:failed-assert test="{@test}" role="{@role}">
        <axsl:attribute name="location" select="string-join(ancestor-or-self::node()/name(), '/')"/>
        <svrl:text><xsl:apply-templates select="node()" mode="message"/></svrl:text>
      </svrl:failed-assert>
    </axsl:if>
  </xsl:template>
  <xsl:template match="sch:report" mode="body">
    <axsl:if test="{@test}">
      <svrl:successful-report test="{@test}" role="{@role}">
        <axsl:attribute name="location" select="string-join(ancestor-or-self::node()/name(), '/')"/>
        <svrl:text><xsl:apply-templates select="node()" mode="message"/></svrl:text>
      </svrl:successful-report>
    </axsl:if>
  </xsl:template>
  <xsl:template match="*" mode="body"/>

  <!-- Messages. -->
  <xsl:template match="text()" mode="message">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="sch:value-of" mode="message">
    <axsl:value-of select="{@select}"/>
  </xsl:template>
  <xsl:template match="sch:name" mode="message">
    <axsl:value-of select="name({(@path, '.')[1]})"/>
  </xsl:template>
  <xsl:template match="*" mode="message">
    <xsl:apply-templates select="node()" mode="message"/>
  </xsl:template>
</xsl:stylesheet>
